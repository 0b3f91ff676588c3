namespace QSLM.Sensors.Timing;

/// <summary>
/// A monotonic clock that moves only when told: simulation and tests run seconds of sampling in
/// microseconds of real time, deterministically. <see cref="MonotonicTime.Sleep"/> advances it instead
/// of blocking.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    /// <summary>Ticks per second of <see cref="GetTimestamp"/> (one tick = 100 ns).</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Elapsed time since this clock's origin.</summary>
    public TimeSpan Now => TimeSpan.FromTicks(GetTimestamp());

    /// <summary>Moves the clock forward (never back).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
