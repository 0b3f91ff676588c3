using System.Diagnostics;

namespace QSLM.Benchmarks;

/// <summary>Times an action: one warm-up run, then the median of <c>repeats</c> runs. Medians, not
/// minima, so that one lucky run on a shared machine does not set the figure.</summary>
internal static class BenchTimer
{
    public static double MedianSeconds(Action action, int repeats = 5)
    {
        action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    /// <summary>What the benchmark ran on.</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
        $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, " +
        $"Vector256 {(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "accelerated" : "not accelerated")}";
}
