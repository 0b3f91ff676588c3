namespace QSLM.Sensors.Board.Timing;

/// <summary>
/// Monotonic time and waiting through an injected <see cref="TimeProvider"/>: every timing decision of the
/// sensors and the sampler goes through the provider, so a test's fake provider decides when a wait ends.
/// </summary>
public static class SensorClock
{
    /// <summary>The provider's monotonic timestamp as a <see cref="TimeSpan"/>, converted exactly (no floating point:
    /// a timestamp far from zero keeps every tick).</summary>
    public static TimeSpan Now(TimeProvider clock)
    {
        var timestamp = clock.GetTimestamp();
        var frequency = clock.TimestampFrequency;
        return frequency == TimeSpan.TicksPerSecond
            ? TimeSpan.FromTicks(timestamp)
            : TimeSpan.FromTicks((long)((Int128)timestamp * TimeSpan.TicksPerSecond / frequency));
    }

    /// <summary>
    /// Completes when a timer of <paramref name="clock"/> due after <paramref name="duration"/> fires, at once for a
    /// duration of zero or less. On the system clock a wait lasts at least the timer resolution (about a millisecond
    /// on Linux). The continuation runs on the thread that fires the timer, so a fake clock's
    /// <c>Advance</c> runs the waiting code to its next wait before it returns.
    /// </summary>
    public static async Task WaitAsync(TimeProvider clock, TimeSpan duration, CancellationToken cancel = default)
    {
        if (duration <= TimeSpan.Zero) return;
        cancel.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource();
        using var timer = clock.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), done, duration, Timeout.InfiniteTimeSpan);
        using var cancellation = cancel.Register(() => done.TrySetCanceled(cancel));
        await done.Task.ConfigureAwait(false);
    }
}
