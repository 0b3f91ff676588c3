using System.Globalization;

namespace QSLM.Harness.Regression;

/// <summary>How far a run may fall behind its baseline before <c>qslm regress</c> calls it a regression. Power and energy
/// need no threshold: they regress only when the new 95% interval lies wholly above the baseline's.</summary>
/// <param name="MaxAccuracyDrop">Accuracy may fall by at most this much, absolute (0.01 is one point).</param>
/// <param name="MaxPerplexityRise">Perplexity may rise by at most this fraction of the baseline's.</param>
/// <param name="MaxMemoryRise">Peak memory may rise by at most this fraction of the baseline's.</param>
/// <param name="MaxLatencyRise">Latency (p50 and p99) may rise by at most this fraction of the baseline's.</param>
public sealed record RegressionThresholds(double MaxAccuracyDrop = 0.01, double MaxPerplexityRise = 0.02, double MaxMemoryRise = 0.05, double MaxLatencyRise = 0.10)
{
    /// <summary>The thresholds in words, for the report and the history.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accuracy drop at most {MaxAccuracyDrop:0.####} (absolute), perplexity rise at most {MaxPerplexityRise:P1}, memory rise at most {MaxMemoryRise:P1}, latency rise at most {MaxLatencyRise:P1}, power and energy: the new 95% interval not wholly above the baseline's");
}
