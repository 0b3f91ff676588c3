using System.Globalization;
using QSLM.Harness.Power;
using QSLM.Reports.Document;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Claims;

/// <summary>The parts of a claim's <see cref="RunReport"/> taken from its measurement: checks, claim section, windows and trace.</summary>
public static class ClaimReports
{
    /// <summary>The report's kind.</summary>
    public const string Kind = "claim";

    /// <summary>The quantity a claim is about, in words.</summary>
    public const string Quantity = "energy per token above idle (net), candidate/baseline − 1, paired per repeat";

    /// <summary>The claim in words: "candidate at least 20% below baseline".</summary>
    public static string Stated(double claim) => string.Create(CultureInfo.InvariantCulture,
        $"candidate at least {Math.Abs(claim):0.#%} {(claim < 0 ? "below" : "above")} the baseline in net energy per token");

    /// <summary>A check of one model's answers on the board.</summary>
    public static CheckResult Check(string board, AgreementCheck check) =>
        new(board, check.Model, "agreement-" + check.Model, check.Agrees ? CheckStatus.Passed : CheckStatus.Failed, check.Deviation, check.Tolerance,
            check.Quantity == "perplexity" ? "relative" : "predictions", check.Detail, Seconds: check.Seconds);

    /// <summary>The claim's check: passed when supported, failed when contradicted, not run when inconclusive or not measured.</summary>
    public static CheckResult Check(string board, double claim, ClaimInterval? interval, string? source, string? why = null)
    {
        if (interval is null) return new CheckResult(board, "candidate", "claim", CheckStatus.NotRun, null, claim, "fraction", why ?? "not measured", source);
        var status = interval.Outcome switch
        {
            ClaimOutcome.Supported => CheckStatus.Passed,
            ClaimOutcome.Contradicted => CheckStatus.Failed,
            _ => CheckStatus.NotRun,
        };
        return new CheckResult(board, "candidate", "claim", status, interval.Mean, claim, "fraction", Sentence(interval), source);
    }

    /// <summary>The verdict with its interval and reason in one line.</summary>
    public static string Sentence(ClaimInterval interval)
    {
        var inv = CultureInfo.InvariantCulture;
        var figures = string.Create(inv, $"{interval.Mean:+0.0%;-0.0%} (95% CI {interval.Low:+0.0%;-0.0%} .. {interval.High:+0.0%;-0.0%}) against a claim of {interval.Claim:+0.#%;-0.#%}");
        return interval.Outcome switch
        {
            ClaimOutcome.Supported => $"supported: {figures}; the whole interval lies beyond the claim",
            ClaimOutcome.Contradicted => $"contradicted: {figures}; the whole interval falls short of the claim",
            _ => $"inconclusive: {figures}; the interval straddles the claim; {Advice(interval)}",
        };
    }

    /// <summary>How many pairs would decide an inconclusive claim, in words.</summary>
    public static string Advice(ClaimInterval interval) => interval.PairsToDecide is { } pairs
        ? string.Create(CultureInfo.InvariantCulture, $"{pairs} paired windows (--windows {pairs}) would decide it with 90% probability at the observed mean and variance")
        : Math.Abs(interval.Mean - interval.Claim) > 0
            ? string.Create(CultureInfo.InvariantCulture, $"more than {ClaimInterval.MaxPairs} paired windows would be needed at the observed variance: out of reach")
            : "no number of windows would decide it at the observed variance: the observed mean equals the claim";

    /// <summary>The claim section.</summary>
    public static ClaimSection Section(ClaimInterval interval, IReadOnlyList<ClaimFigure> figures) =>
        new(interval.Claim, Quantity, interval.Outcome.ToString().ToLowerInvariant(), interval.Mean, interval.Low, interval.High, interval.Method, interval.Pairs, interval.PairsToDecide, figures);

    /// <summary>Every window of <paramref name="result"/>, on the run's clock (seconds from the idle window's start).</summary>
    public static IReadOnlyList<ReportWindow> Windows(string board, LabResult result)
    {
        var origin = result.Windows[0].StartSeconds;
        return [.. result.Windows.Select(w => new ReportWindow(board, w.Order, w.Side switch { null => "idle", LabSide.Baseline => "baseline", _ => "candidate" }, w.Repeat, w.Kept,
            w.StartSeconds - origin, w.StopSeconds - origin, w.GrossWatts, w.Side is null ? 0 : w.NetJoulesPerToken, w.Throttled, w.Source.ToString()))];
    }

    /// <summary>The meter's samples over the run on the windows' clock.</summary>
    public static ReportTrace Trace(string board, string sensor, LabResult result, IReadOnlyList<(double Seconds, double Watts)> samples)
    {
        var origin = result.Windows[0].StartSeconds;
        return new ReportTrace(board, sensor, [.. samples.Select(s => s.Seconds - origin)], [.. samples.Select(s => s.Watts)], result.Source.ToString());
    }
}
