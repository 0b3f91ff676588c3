using System.Text;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Tests.Framing;

public sealed class JsonLinesTests
{
    [Fact]
    public async Task Messages_written_as_lines_are_read_back_in_order()
    {
        var stream = new MemoryStream();
        var writer = new JsonLineWriter(stream);
        await writer.WriteAsync(new Hello(1, "host"));
        await writer.WriteAsync(new PutModel(new string('a', 64), 100_000, 0, new byte[100_000]));
        await writer.WriteAsync(new Bye());
        Assert.Equal(stream.Length, writer.BytesWritten);

        stream.Position = 0;
        var reader = new JsonLineReader(new TrickleStream(stream, 7));
        Assert.IsType<Hello>(await reader.ReadAsync());
        Assert.Equal(100_000, Assert.IsType<PutModel>(await reader.ReadAsync()).Data.Length);
        Assert.IsType<Bye>(await reader.ReadAsync());
        Assert.Null(await reader.ReadAsync());
        Assert.Equal(stream.Length, reader.BytesRead);
    }

    [Fact]
    public async Task Every_line_is_one_object_with_no_newline_inside()
    {
        var stream = new MemoryStream();
        await new JsonLineWriter(stream).WriteAsync(new ErrorReply(ErrorCodes.RunFailed, "line one\nline two"));
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(text.Length - 1, text.IndexOf('\n', StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_over_long_line_is_refused_and_the_next_line_still_reads()
    {
        var big = MessageCodec.Encode(new PutModel(new string('a', 64), 10_000, 0, new byte[10_000]));
        var small = MessageCodec.Encode(new QueryModel(new string('b', 64)));
        var stream = new MemoryStream([.. big, (byte)'\n', .. small, (byte)'\n']);
        var reader = new JsonLineReader(new TrickleStream(stream, 1000), maxMessageBytes: 1024);
        var e = await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync());
        Assert.Equal(ErrorCodes.TooLarge, e.Code);
        Assert.Equal(new string('b', 64), Assert.IsType<QueryModel>(await reader.ReadAsync()).Sha256);
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task The_writer_refuses_a_message_over_the_cap_and_writes_nothing()
    {
        var stream = new MemoryStream();
        var writer = new JsonLineWriter(stream, maxMessageBytes: 1024);
        var e = await Assert.ThrowsAsync<ProtocolException>(() => writer.WriteAsync(new PutModel(new string('a', 64), 2000, 0, new byte[2000])));
        Assert.Equal(ErrorCodes.TooLarge, e.Code);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_line_is_an_error_not_a_clean_end()
    {
        var reader = new JsonLineReader(new MemoryStream("{\"type\":\"bye\""u8.ToArray()));
        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync());
    }

    [Fact]
    public async Task A_malformed_line_is_a_bad_request_and_reading_continues()
    {
        var reader = new JsonLineReader(new MemoryStream("not json\n\n{\"type\":\"bye\"}\n"u8.ToArray()));
        Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<ProtocolException>(() => reader.ReadAsync())).Code);
        Assert.IsType<Bye>(await reader.ReadAsync());
    }

    /// <summary>Returns at most a few bytes per read, as a pipe or socket may.</summary>
    private sealed class TrickleStream(Stream inner, int most) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, most));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
