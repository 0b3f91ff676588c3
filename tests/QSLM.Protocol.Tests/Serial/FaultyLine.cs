namespace QSLM.Protocol.Tests.Serial;

/// <summary>A write-only line that drops bytes and flips bits at seeded random, as a noisy serial
/// cable does.</summary>
internal sealed class FaultyLine(Stream inner, FaultyLine.Faults faults) : Stream
{
    private readonly Random _random = new(faults.Seed);

    public sealed record Faults(double DropRate, double FlipRate, int Seed);

    public long Dropped { get; private set; }

    public long Flipped { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var kept = new List<byte>(count);
        for (var i = 0; i < count; i++)
        {
            var b = buffer[offset + i];
            if (_random.NextDouble() < faults.DropRate)
            {
                Dropped++;
                continue;
            }
            if (_random.NextDouble() < faults.FlipRate)
            {
                b ^= (byte)(1 << _random.Next(8));
                Flipped++;
            }
            kept.Add(b);
        }
        inner.Write(kept.ToArray());
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
