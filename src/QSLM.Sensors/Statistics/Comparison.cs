using System.Globalization;

namespace QSLM.Sensors.Statistics;

/// <summary>
/// The comparison of B against A: the relative difference of means (B/A − 1) with its confidence
/// interval. When the interval contains zero the two are reported "not distinguishable".
/// </summary>
public sealed record Comparison(CandidateSummary A, CandidateSummary B, double RelativeDifference, double Low, double High, ComparisonOptions Options, SourceTag? Source)
{
    /// <summary>Whether the interval excludes zero.</summary>
    public bool Distinguishable => Low > 0 || High < 0;

    /// <summary>"B draws 5.1% less than A", or "not distinguishable".</summary>
    public string Verdict => !Distinguishable
        ? "not distinguishable"
        : string.Create(CultureInfo.InvariantCulture, $"{B.Name} {(RelativeDifference < 0 ? "is lower" : "is higher")} than {A.Name} by {Math.Abs(RelativeDifference) * 100:F1}%");

    /// <summary>Everything a defensible claim needs: source, n, window, means, medians, the interval and the verdict.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var window = Options.Window is { } w ? string.Create(inv, $" windows of {w.TotalSeconds:F1} s") : " values";
        return string.Create(inv,
            $"{Options.Quantity}{(Source is { } s ? $" ({s})" : "")}: {A.Name} mean {A.Mean:G6} {Options.Unit}, median {A.Median:G6} (n = {A.N}{window}); " +
            $"{B.Name} mean {B.Mean:G6} {Options.Unit}, median {B.Median:G6} (n = {B.N}{window}); " +
            $"{B.Name} vs {A.Name} {RelativeDifference:+0.0%;-0.0%;0.0%} ({Options.Confidence * 100:0.#}% CI {Low:+0.0%;-0.0%;0.0%} .. {High:+0.0%;-0.0%;0.0%}, " +
            $"percentile bootstrap, {Options.Resamples} resamples, seed {Options.Seed}): {Verdict}");
    }
}
