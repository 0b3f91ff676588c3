using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Power;

/// <summary>
/// One candidate's figures over its kept windows: the median of each, and the half-width of the 95% interval of
/// its mean by Student's t over the windows (null for one window). The median is reported, as MLPerf Tiny does;
/// the interval is the mean's, which the median lies close to for windows this steady, and which is defined at
/// five windows where an interval for the median from order statistics would be the whole range.
/// </summary>
/// <param name="Windows">Kept windows.</param>
/// <param name="Samples">Meter samples over them.</param>
/// <param name="WindowSeconds">Median window length.</param>
/// <param name="GrossWatts">Median mean power, idle included.</param>
/// <param name="GrossWattsCi95">Its 95% half-width.</param>
/// <param name="NetWatts">Median power above idle.</param>
/// <param name="GrossJoulesPerToken">Median energy per token, idle included.</param>
/// <param name="GrossJoulesPerTokenCi95">Its 95% half-width.</param>
/// <param name="NetJoulesPerToken">Median energy per token above idle.</param>
/// <param name="NetJoulesPerTokenCi95">Its 95% half-width.</param>
/// <param name="LatencyMs">Median milliseconds per token.</param>
/// <param name="ThrottledWindows">Kept windows that stayed throttled when repeated.</param>
public sealed record LabSideSummary(
    int Windows,
    int Samples,
    double WindowSeconds,
    double GrossWatts,
    double? GrossWattsCi95,
    double NetWatts,
    double GrossJoulesPerToken,
    double? GrossJoulesPerTokenCi95,
    double NetJoulesPerToken,
    double? NetJoulesPerTokenCi95,
    double LatencyMs,
    int ThrottledWindows)
{
    /// <summary>Summarises the kept windows of one side.</summary>
    public static LabSideSummary Of(IReadOnlyList<LabWindow> kept)
    {
        if (kept.Count == 0) throw new ArgumentException("a side needs at least one kept window", nameof(kept));
        return new LabSideSummary(
            kept.Count,
            kept.Sum(w => w.Samples),
            EnergyReport.Median(kept.Select(w => w.Seconds)),
            EnergyReport.Median(kept.Select(w => w.GrossWatts)),
            StudentInterval.Of([.. kept.Select(w => w.GrossWatts)]).HalfWidth,
            EnergyReport.Median(kept.Select(w => w.NetWatts)),
            EnergyReport.Median(kept.Select(w => w.GrossJoulesPerToken)),
            StudentInterval.Of([.. kept.Select(w => w.GrossJoulesPerToken)]).HalfWidth,
            EnergyReport.Median(kept.Select(w => w.NetJoulesPerToken)),
            StudentInterval.Of([.. kept.Select(w => w.NetJoulesPerToken)]).HalfWidth,
            EnergyReport.Median(kept.Select(w => w.LatencyMs)),
            kept.Count(w => w.Flagged));
    }
}
