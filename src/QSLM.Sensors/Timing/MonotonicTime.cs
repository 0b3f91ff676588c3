namespace QSLM.Sensors.Timing;

/// <summary>Monotonic time and waiting through an injected <see cref="TimeProvider"/>, so that every
/// timing decision of the sensors and the sampler runs on a <see cref="ManualTimeProvider"/> in tests.</summary>
public static class MonotonicTime
{
    /// <summary>The provider's monotonic timestamp as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan Now(TimeProvider clock) =>
        TimeSpan.FromTicks((long)(clock.GetTimestamp() * ((double)TimeSpan.TicksPerSecond / clock.TimestampFrequency)));

    /// <summary>Waits <paramref name="duration"/>: advances a <see cref="ManualTimeProvider"/>; otherwise sleeps
    /// for a millisecond or more and spins below that (sub-millisecond waits that timers do not give, kept
    /// short because a spinning sampler on the board adds to the power it measures).</summary>
    public static void Sleep(TimeProvider clock, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        if (clock is ManualTimeProvider manual)
        {
            manual.Advance(duration);
            return;
        }
        if (duration >= TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(duration);
            return;
        }
        var until = Now(clock) + duration;
        while (Now(clock) < until) Thread.SpinWait(50);
    }
}
