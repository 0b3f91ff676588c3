namespace QSLM.Sensors.Timing;

/// <summary>Monotonic time and waiting through an injected <see cref="TimeProvider"/>, so that every
/// timing decision of the sensors and the sampler runs on a <see cref="ManualTimeProvider"/> in tests.</summary>
public static class MonotonicTime
{
    /// <summary>The provider's monotonic timestamp as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan Now(TimeProvider clock) =>
        TimeSpan.FromTicks((long)(clock.GetTimestamp() * ((double)TimeSpan.TicksPerSecond / clock.TimestampFrequency)));

    /// <summary>Waits <paramref name="duration"/>: advances a <see cref="ManualTimeProvider"/>, otherwise
    /// blocks the thread (a sampler needs sub-millisecond waits that timers do not give).</summary>
    public static void Sleep(TimeProvider clock, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        if (clock is ManualTimeProvider manual)
        {
            manual.Advance(duration);
            return;
        }
        var until = Now(clock) + duration;
        if (duration > TimeSpan.FromMilliseconds(2)) Thread.Sleep(duration - TimeSpan.FromMilliseconds(1));
        while (Now(clock) < until) Thread.SpinWait(50);
    }
}
