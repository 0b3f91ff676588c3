using System.Text;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;
using QSLM.Sensors.Export;
using QSLM.Sensors.Tests.Jetson;

namespace QSLM.Sensors.Tests.Export;

/// <summary>The import reads a log as a stream: each sample is handed on before much more of the log is read, and nothing needs the log's length.</summary>
public class StreamingImportTests
{
    /// <summary>A non-seekable stream that makes tegrastats lines as it is read and counts the bytes it has given.</summary>
    private sealed class GeneratedLog(string line, int lines) : Stream
    {
        private readonly byte[] _line = Encoding.UTF8.GetBytes(line + "\n");
        private long _given;

        public long Given => _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException("a generated log has no length");

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var total = (long)_line.Length * lines;
            var n = (int)Math.Min(count, total - _given);
            for (var i = 0; i < n; i++) buffer[offset + i] = _line[(int)((_given + i) % _line.Length)];
            _given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Records, at each sample, how many bytes of the log had been read.</summary>
    private sealed class ReadAheadProbe(GeneratedLog log, int lineBytes) : IImportSink
    {
        public long Samples { get; private set; }

        public long MostReadAhead { get; private set; }

        public void Reading(PowerReading reading)
        {
            Samples++;
            MostReadAhead = Math.Max(MostReadAhead, log.Given - (Samples * lineBytes));
        }

        public void Skipped(SkippedLine line) => throw new InvalidOperationException($"line {line.LineNumber} skipped: {line.Reason}");
    }

    [Fact]
    public void Each_sample_is_handed_on_after_reading_a_bounded_stretch_of_a_non_seekable_log()
    {
        const int lines = 20_000;
        var log = new GeneratedLog(TegrastatsLines.JetPack5, lines);
        var probe = new ReadAheadProbe(log, Encoding.UTF8.GetByteCount(TegrastatsLines.JetPack5 + "\n"));

        using var reader = new StreamReader(log, Encoding.UTF8, false, 4096);
        LogImport.Run(LogFormat.Tegrastats, LogLines.Read(reader, "generated"), "generated", TimeSpan.FromSeconds(1), null, probe);

        Assert.Equal(lines, probe.Samples);
        Assert.True(probe.MostReadAhead < 64 * 1024, $"the import had read {probe.MostReadAhead} bytes past the sample it handed on");
    }

    [Fact]
    public void The_streamed_CSV_is_the_one_the_in_memory_import_writes()
    {
        var lines = Enumerable.Range(0, 50).Select(i => TegrastatsLines.AgxOrin.Replace("VDD_GPU_SOC 2400mW", $"VDD_GPU_SOC {2400 + i}mW", StringComparison.Ordinal)).ToList();
        lines.Insert(10, "VDD_IN 47");
        var expected = new StringWriter();
        SampleCsv.Write(expected, LogImport.Import(LogFormat.Tegrastats, lines, TimeSpan.FromMilliseconds(500)).Readings);

        var streamed = new StringWriter();
        var summary = LogImport.Import(LogFormat.Tegrastats, new StringReader(string.Join('\n', lines)), "log", streamed, TimeSpan.FromMilliseconds(500));

        Assert.Equal(expected.ToString(), streamed.ToString());
        Assert.Equal(50, summary.Samples);
        Assert.Equal(11, Assert.Single(summary.FirstSkipped).LineNumber);
    }
}
