using QSLM.Protocol.Messages;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Per-token latency of a timed run: each timed repeat's wall time between its marks over the tokens it ran, and the
/// median and 99th percentile of those by nearest rank (the smallest value with at least p% of the repeats at or
/// below it). With fewer than 100 repeats the 99th percentile is the slowest repeat.
/// </summary>
/// <param name="P50Ms">Median milliseconds per token.</param>
/// <param name="P99Ms">99th-percentile milliseconds per token.</param>
/// <param name="Repeats">Repeats they rest on.</param>
public sealed record LatencyPercentiles(double P50Ms, double P99Ms, int Repeats)
{
    /// <summary>How the figures were taken, for the report.</summary>
    public string Method => FormattableString.Invariant(
        $"per-token latency of each of {Repeats} timed repeats (its wall time between the agent's marks over its tokens), nearest-rank percentiles over the repeats");

    /// <summary>The percentiles of <paramref name="run"/>.</summary>
    public static LatencyPercentiles Of(RunResult run)
    {
        if (run.RepeatSeconds.Count == 0 || run.Tokens < 1) throw new ArgumentException("a run needs a timed repeat of at least one token", nameof(run));
        var perToken = run.RepeatSeconds.Select(s => s / run.Tokens * 1000).Order().ToArray();
        return new LatencyPercentiles(NearestRank(perToken, 0.50), NearestRank(perToken, 0.99), perToken.Length);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> of ascending <paramref name="sorted"/>.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
