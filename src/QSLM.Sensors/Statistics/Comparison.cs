using System.Globalization;
using QSLM.Sensors.Board;

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

    /// <summary>
    /// The claimed difference (<see cref="ComparisonOptions.Claim"/>) held against the interval: a claim
    /// is supported only when the whole interval lies at or beyond it (a saving of at least 20% needs
    /// the interval's upper end at or below −20%), contradicted when the whole interval falls short of
    /// it, and otherwise not shown either way by these measurements. This is the confidence-interval
    /// form of a one-sided test at (1 − confidence)/2, as in equivalence and non-inferiority testing
    /// (Schuirmann 1987).
    /// </summary>
    public ClaimOutcome? ClaimVerdict => Options.Claim is not { } claim ? null : JudgeClaim(claim, Low, High);

    /// <summary>The rule of <see cref="ClaimVerdict"/> for a claimed relative difference <paramref name="claim"/> and the
    /// interval [<paramref name="low"/>, <paramref name="high"/>] of the observed one; every command that judges a claim uses it.</summary>
    public static ClaimOutcome JudgeClaim(double claim, double low, double high) => claim < 0
        ? high <= claim ? ClaimOutcome.Supported : low > claim ? ClaimOutcome.Contradicted : ClaimOutcome.Inconclusive
        : low >= claim ? ClaimOutcome.Supported : high < claim ? ClaimOutcome.Contradicted : ClaimOutcome.Inconclusive;

    private string ClaimSentence()
    {
        if (Options.Claim is not { } claim || ClaimVerdict is not { } verdict) return "";
        var inv = CultureInfo.InvariantCulture;
        var stated = claim < 0
            ? string.Create(inv, $"{B.Name} at least {-claim:0.0%} lower than {A.Name}")
            : string.Create(inv, $"{B.Name} at least {claim:0.0%} higher than {A.Name}");
        var why = verdict switch
        {
            ClaimOutcome.Supported => "the whole interval lies beyond it",
            ClaimOutcome.Contradicted => "the whole interval falls short of it",
            _ => "the interval straddles it; more or longer windows may decide",
        };
        return $"; claim \"{stated}\": {verdict.ToString().ToLowerInvariant()} ({why})";
    }

    /// <summary>Everything a defensible claim needs: source, n, window, means, medians, the interval and the verdict.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var window = Options.Window is { } w ? string.Create(inv, $" windows of {w.TotalSeconds:F1} s") : " values";
        return string.Create(inv,
            $"{Options.Quantity}{(Source is { } s ? $" ({s})" : "")}: {A.Name} mean {A.Mean:G6} {Options.Unit}, median {A.Median:G6} (n = {A.N}{window}); " +
            $"{B.Name} mean {B.Mean:G6} {Options.Unit}, median {B.Median:G6} (n = {B.N}{window}); " +
            $"{B.Name} vs {A.Name} {RelativeDifference:+0.0%;-0.0%;0.0%} ({Options.Confidence * 100:0.#}% CI {Low:+0.0%;-0.0%;0.0%} .. {High:+0.0%;-0.0%;0.0%}, " +
            $"percentile bootstrap, {Options.Resamples} resamples, seed {Options.Seed}): {Verdict}{ClaimSentence()}");
    }
}
