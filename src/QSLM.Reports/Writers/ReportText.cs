using System.Globalization;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>
/// The words and numbers every written form of a report shares, so the HTML, the Markdown and the JUnit XML say the
/// same thing in the same way. Every number goes through the invariant culture: a report reads the same on any machine.
/// </summary>
public static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A status as the report prints it.</summary>
    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        CheckStatus.NotRun => "not run",
        CheckStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>A number with few enough digits to read and enough to compare; null as an empty string.</summary>
    public static string Number(double? value) => value switch
    {
        null => "",
        { } v when double.IsNaN(v) => "n/a",
        { } v when v == 0 => "0",
        { } v when Math.Abs(v) >= 1e6 => v.ToString("0.###E+0", Inv),
        { } v when Math.Abs(v) >= 100 => v.ToString("0.#", Inv),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.###", Inv),
        { } v => v.ToString("G3", Inv),
    };

    /// <summary>A number with its unit (<c>3.2 W</c>), or an empty string when there is no number.</summary>
    public static string WithUnit(double? value, string? unit) =>
        value is null ? "" : string.IsNullOrEmpty(unit) ? Number(value) : $"{Number(value)} {unit}";

    /// <summary>A relative difference in percent with its sign (<c>−21.4%</c> reads "21.4% less").</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("+0.0#;-0.0#;0", Inv) + "%";

    /// <summary>A time in UTC, to the second, as ISO 8601.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv);

    /// <summary>Seconds for the JUnit <c>time</c> attributes (no exponent, no group separator).</summary>
    public static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.###", Inv);

    /// <summary>An integer, invariant.</summary>
    public static string Count(long value) => value.ToString(Inv);

    /// <summary>The provenance as labelled lines, in the order every form lists them.</summary>
    public static IReadOnlyList<(string Label, string Value)> Provenance(RunReport report)
    {
        var p = report.Provenance;
        var lines = new List<(string, string)>
        {
            ("kind", report.Kind),
            ("QSLM", p.Commit is null ? $"{p.QslmVersion} (commit unknown)" : $"{p.QslmVersion} (commit {p.Commit})"),
            ("operator", p.Operator ?? "not given"),
            ("host", p.HostName),
            ("command", p.CommandLine),
            ("started", Time(p.Started)),
            ("ended", Time(p.Ended)),
            ("duration", Number((p.Ended - p.Started).TotalSeconds) + " s"),
            ("window rules", p.WindowRules ?? "no power windows in this run"),
        };
        if (report.RunId is { } id) lines.Insert(0, ("run", id));
        return lines;
    }

    /// <summary>A board's identity and set-up as labelled lines ("not reported" where its agent said nothing).</summary>
    public static IReadOnlyList<(string Label, string Value)> Board(ReportBoard board) =>
    [
        ("reached", board.Reached),
        ("profile", board.Profile ?? "none"),
        ("host name", board.HostName ?? "not reported"),
        ("model", board.Model ?? "not reported"),
        ("serial", board.Serial ?? "not reported"),
        ("kernel", board.Kernel ?? "not reported"),
        ("firmware", board.Firmware ?? "not reported"),
        ("agent", board.AgentVersion ?? "not reported"),
        ("settings read back", board.Settings ?? "none pinned"),
    ];

    /// <summary>The claim's headline figures as labelled lines.</summary>
    public static IReadOnlyList<(string Label, string Value)> Claim(ClaimSection claim)
    {
        var lines = new List<(string, string)>
        {
            ("claim", $"{Percent(claim.Claim)} {claim.Quantity}"),
            ("verdict", claim.Verdict),
            ("observed difference", $"{Percent(claim.Difference)} (95% interval {Percent(claim.Low)} to {Percent(claim.High)})"),
            ("interval method", claim.IntervalMethod),
            ("paired repeats", Count(claim.Pairs)),
        };
        if (claim.PairsToDecide is { } n) lines.Add(("paired repeats to decide", $"{Count(n)} at the observed variance"));
        return lines;
    }

    /// <summary>A claim figure's value with its interval and unit (<c>3.2 ± 0.1 W</c>).</summary>
    public static string Figure(ClaimFigure figure) =>
        figure.Ci95 is { } ci ? $"{Number(figure.Value)} ± {Number(ci)} {figure.Unit}" : $"{Number(figure.Value)} {figure.Unit}";

    /// <summary>The checks' counts in words (<c>2 failed, 9 passed, 1 not run</c>).</summary>
    public static string Counts(IReadOnlyList<CheckResult> checks) =>
        checks.Count == 0 ? "no checks" : string.Join(", ",
            new[] { CheckStatus.Failed, CheckStatus.Error, CheckStatus.Passed, CheckStatus.NotRun }
                .Select(s => (Status: s, Count: checks.Count(c => c.Status == s))).Where(x => x.Count > 0).Select(x => $"{Count(x.Count)} {Status(x.Status)}"));

    /// <summary>A window's span on the run's clock (<c>12.0–22.0 s</c>).</summary>
    public static string Span(ReportWindow window) => $"{window.StartSeconds.ToString("0.0", Inv)}–{window.StopSeconds.ToString("0.0", Inv)} s";
}
