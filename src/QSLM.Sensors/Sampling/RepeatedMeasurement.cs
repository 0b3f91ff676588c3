namespace QSLM.Sensors.Sampling;

/// <summary>
/// Runs the measurement protocol under <see cref="LabWindowRules"/>: an idle window first (the baseline), then
/// for each repeat the work is started, warmed up for the rules' warm-up (discarded), one window sampled, the
/// work stopped, and the board left to cool for the rules' pause before the next. Windows are cut at the marks
/// taken on the sampling clock right after the warm-up and right before the stop, as MLPerf Power measures in
/// the same run as performance.
/// </summary>
public static class RepeatedMeasurement
{
    /// <summary>Measures <paramref name="workload"/> on <paramref name="sampler"/> under <paramref name="rules"/>, blocking:
    /// for a sampler on a clock whose timers fire by themselves (the system clock).</summary>
    public static EnergyReport Run(Sampler sampler, LabWindowRules rules, IWorkload workload, CancellationToken cancel = default) =>
        RunAsync(sampler, rules, workload, cancel).GetAwaiter().GetResult();

    /// <summary>Measures <paramref name="workload"/> on <paramref name="sampler"/> under <paramref name="rules"/>.</summary>
    public static async Task<EnergyReport> RunAsync(Sampler sampler, LabWindowRules rules, IWorkload workload, CancellationToken cancel = default)
    {
        rules.Validate();
        var idleStart = sampler.Now;
        var idle = await sampler.CollectAsync(rules.IdleWindow, cancel).ConfigureAwait(false);
        var idleWatts = idle.MeanWatts(idleStart, idleStart + rules.IdleWindow);
        var baseline = rules.SubtractIdle ? idleWatts : 0;

        var windows = new List<WindowResult>();
        for (var r = 0; r < rules.Repeats; r++)
        {
            // Only a fixed pause here: the host's own temperature says nothing of a board's, and a command measured
            // on the host is measured by a meter that reports no temperature.
            if (r > 0) await sampler.WaitAsync(rules.CooldownPause, cancel).ConfigureAwait(false);
            workload.Start(r);
            await sampler.WaitAsync(rules.Warmup, cancel).ConfigureAwait(false);
            workload.WindowOpened(r);
            var start = sampler.Now;
            var series = await sampler.CollectAsync(rules.Window, cancel).ConfigureAwait(false);
            var stop = start + rules.Window;
            var tokens = workload.Stop(r);
            windows.Add(WindowResult.Of(series, r, start, stop, tokens, baseline));
        }
        return new EnergyReport(sampler.Source, idleWatts, idle.ValidCount, rules.SubtractIdle, windows)
        {
            Quick = rules.Quick,
            WarmupSeconds = rules.Warmup.TotalSeconds,
            CooldownSeconds = rules.CooldownPause.TotalSeconds,
        };
    }
}
