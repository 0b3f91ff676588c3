using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Time.Testing;

namespace QSLM.Sensors.Tests.Timing;

/// <summary>
/// <see cref="FakeTimeProvider"/>s for the sensors and the sampler, which wait through their clock's timers: a clock
/// that starts at timestamp zero, and <see cref="Run{T}(FakeTimeProvider, Func{Task{T}})"/>, which runs waiting code to
/// the end by moving the clock to each pending timer's due time in turn. Product code resumes on the thread that fires
/// its timer, so the whole run stays on the test's thread and every timestamp is exact and reproducible.
/// </summary>
internal static class FakeClocks
{
    private static readonly FieldInfo WaitersField = typeof(FakeTimeProvider)
        .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
        .Single(f => f.FieldType.IsGenericType && f.FieldType.GetGenericArguments()[0].GetProperty("WakeupTime", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) is not null);

    private static readonly PropertyInfo WakeupTime = WaitersField.FieldType.GetGenericArguments()[0]
        .GetProperty("WakeupTime", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;

    /// <summary>A fake clock at timestamp zero.</summary>
    public static FakeTimeProvider Create() => new(DateTimeOffset.MinValue);

    /// <summary>Runs <paramref name="work"/>, firing <paramref name="clock"/>'s timers in due order until it ends.</summary>
    public static T Run<T>(this FakeTimeProvider clock, Func<Task<T>> work)
    {
        // A continuation is run inline by the thread that completes its task only where no synchronization context
        // (the test framework's) would take it: without one, firing a timer runs the waiting code here and now.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var task = work();
            while (!task.IsCompleted)
            {
                var next = NextWakeup(clock) ?? throw new InvalidOperationException("the code under test waits on something other than its clock");
                clock.SetUtcNow(new DateTimeOffset(Math.Max(next, clock.GetUtcNow().Ticks), TimeSpan.Zero));
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Runs <paramref name="work"/>, firing <paramref name="clock"/>'s timers in due order until it ends.</summary>
    public static T Run<T>(this FakeTimeProvider clock, Func<ValueTask<T>> work) => clock.Run(() => work().AsTask());

    private static long? NextWakeup(FakeTimeProvider clock)
    {
        var waiters = WaitersField.GetValue(clock)!;
        lock (waiters)
        {
            long? next = null;
            foreach (var waiter in (IEnumerable)waiters)
            {
                var ticks = (long)WakeupTime.GetValue(waiter)!;
                if (next is null || ticks < next) next = ticks;
            }
            return next;
        }
    }
}
