using System.IO.Hashing;
using System.Text;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;

namespace QSLM.Protocol.Tests.Serial;

public sealed class SerialFrameTests
{
    [Fact]
    public void The_frame_checksum_is_the_ieee_crc32()
    {
        // The CRC-32 check value of "123456789" (IEEE 802.3 / zlib).
        Assert.Equal(0xCBF43926u, Crc32.HashToUInt32("123456789"u8));
    }

    [Fact]
    public void A_frame_has_nineteen_bytes_of_overhead_and_parses_back_even_one_byte_at_a_time()
    {
        var frame = new SerialFrame(SerialFrameKind.Data, 0xDEADBEEF, Encoding.UTF8.GetBytes("payload"));
        var wire = frame.Encode();
        Assert.Equal(7 + 19, wire.Length);
        Assert.Equal([0xA5, 0x5A], wire[..2]);
        var parser = new SerialFrameParser(1024);
        var frames = new List<SerialFrame>();
        foreach (var b in wire) frames.AddRange(parser.Feed([b]));
        var parsed = Assert.Single(frames);
        Assert.Equal(frame.Kind, parsed.Kind);
        Assert.Equal(frame.Sequence, parsed.Sequence);
        Assert.Equal(frame.Payload, parsed.Payload);
    }

    [Fact]
    public void Noise_and_a_damaged_frame_cost_only_themselves()
    {
        var first = new SerialFrame(SerialFrameKind.Data, 1, [1, 2, 3]).Encode();
        var damaged = new SerialFrame(SerialFrameKind.Data, 2, [4, 5, 6]).Encode();
        damaged[12] ^= 0x10;
        var third = new SerialFrame(SerialFrameKind.Ack, 3, []).Encode();
        byte[] noise = [0xA5, 0x00, 0xA5, 0x5A, 0x07, 0x13];
        var parser = new SerialFrameParser(1024);
        var frames = parser.Feed([.. noise, .. first, .. damaged, .. noise, .. third]);
        Assert.Equal([1u, 3u], frames.Select(f => f.Sequence));
        Assert.True(parser.Rejected >= 2);
    }

    [Fact]
    public void A_length_over_the_cap_is_rejected_without_waiting_for_its_bytes()
    {
        var big = new SerialFrame(SerialFrameKind.Data, 1, new byte[2000]).Encode();
        var small = new SerialFrame(SerialFrameKind.Data, 2, [9]).Encode();
        var parser = new SerialFrameParser(1024);
        Assert.Equal([2u], parser.Feed([.. big[..20], .. small]).Select(f => f.Sequence));
        Assert.True(parser.Rejected >= 1);
    }

    [Fact]
    public void A_put_model_carries_its_bytes_raw_after_its_json()
    {
        var data = new byte[5000];
        new Random(1).NextBytes(data);
        var payload = BinaryMessageCodec.Encode(new PutModel(new string('a', 64), 9000, 4000, data));
        Assert.True(payload.Length < data.Length + 200);
        var back = Assert.IsType<PutModel>(BinaryMessageCodec.Decode(payload));
        Assert.Equal(data, back.Data);
        Assert.Equal(4000, back.Offset);
        Assert.IsType<Bye>(BinaryMessageCodec.Decode(BinaryMessageCodec.Encode(new Bye())));
    }
}
