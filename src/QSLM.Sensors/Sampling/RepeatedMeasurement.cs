namespace QSLM.Sensors.Sampling;

/// <summary>
/// Runs the measurement protocol: an idle window first (the baseline), then for each repeat the work
/// is started, one window sampled, the work stopped. Windows are cut at the marks taken on the
/// sampling clock right after the start acknowledgement and right before the stop, as MLPerf Power
/// measures in the same run as performance.
/// </summary>
public static class RepeatedMeasurement
{
    /// <summary>Measures <paramref name="workload"/> on <paramref name="sampler"/> under <paramref name="options"/>, blocking:
    /// for a sampler on a clock whose timers fire by themselves (the system clock).</summary>
    public static EnergyReport Run(Sampler sampler, MeasurementOptions options, IWorkload workload, CancellationToken cancel = default) =>
        RunAsync(sampler, options, workload, cancel).GetAwaiter().GetResult();

    /// <summary>Measures <paramref name="workload"/> on <paramref name="sampler"/> under <paramref name="options"/>.</summary>
    public static async Task<EnergyReport> RunAsync(Sampler sampler, MeasurementOptions options, IWorkload workload, CancellationToken cancel = default)
    {
        options.Validate();
        var idleStart = sampler.Now;
        var idle = await sampler.CollectAsync(options.IdleWindow, cancel).ConfigureAwait(false);
        var idleWatts = idle.MeanWatts(idleStart, idleStart + options.IdleWindow);
        var baseline = options.SubtractIdle ? idleWatts : 0;

        var windows = new List<WindowResult>();
        for (var r = 0; r < options.Repeats; r++)
        {
            workload.Start(r);
            var start = sampler.Now;
            var series = await sampler.CollectAsync(options.Window, cancel).ConfigureAwait(false);
            var stop = start + options.Window;
            var tokens = workload.Stop(r);
            windows.Add(WindowResult.Of(series, r, start, stop, tokens, baseline));
        }
        return new EnergyReport(sampler.Source, idleWatts, idle.ValidCount, options.SubtractIdle, windows);
    }
}
