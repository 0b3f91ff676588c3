using System.Globalization;
using QSLM.History.Records;
using QSLM.Reports.Document;

namespace QSLM.Harness.Regression;

/// <summary>
/// A run held against a baseline run, per board, model and quantity: each figure (a summary, not a single window) that
/// either run recorded becomes one check. Passed or failed under <see cref="RegressionThresholds"/>; not run when one of
/// the runs lacks the figure, when the quantity has no threshold (idle power, saving), when an interval is missing for
/// a power or energy figure, or when the two figures come from different sources (a simulated figure never stands in
/// for a measured one).
/// </summary>
public static class RegressionComparison
{
    /// <summary>The checks of <paramref name="run"/> against <paramref name="baseline"/>, ordered by board, model and quantity.</summary>
    public static IReadOnlyList<CheckResult> Compare(RunRecord baseline, RunRecord run, RegressionThresholds thresholds)
    {
        var before = Figures(baseline);
        var after = Figures(run);
        var keys = before.Keys.Union(after.Keys).OrderBy(k => k.Board, StringComparer.Ordinal).ThenBy(k => k.Model, StringComparer.Ordinal).ThenBy(k => k.Quantity, StringComparer.Ordinal);
        return [.. keys.Select(k => Check(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k), baseline.Summary.Id, run.Summary.Id, thresholds))];
    }

    // The last summary figure of each key: a figure measured again (a board run repeated after a failure) replaces the earlier one.
    private static Dictionary<(string Board, string Model, string Quantity), MeasurementRecord> Figures(RunRecord run)
    {
        var figures = new Dictionary<(string, string, string), MeasurementRecord>();
        foreach (var m in run.Measurements.Where(m => m.Window is null)) figures[(m.Board, m.Model, m.Quantity)] = m;
        return figures;
    }

    private static CheckResult Check((string Board, string Model, string Quantity) key, MeasurementRecord? before, MeasurementRecord? after, string baselineId, string runId, RegressionThresholds t)
    {
        var (board, model, quantity) = key;
        var source = after?.Source ?? before?.Source;
        if (before is null || after is null)
        {
            var missing = before is null ? $"baseline run {baselineId}" : $"run {runId}";
            return new CheckResult(board, model, quantity, CheckStatus.NotRun, after?.Value, null, (after ?? before)!.Unit, $"not compared: {missing} has no {quantity} figure for {model} on {board}", source);
        }
        var inv = CultureInfo.InvariantCulture;
        var (b, a, unit) = (before.Value, after.Value, after.Unit);
        // A power or energy figure in words names where it came from; other quantities have no source.
        string Tagged(string text) => source is null ? text : $"{text} ({source})";
        if (before.Unit != after.Unit)
            return new CheckResult(board, model, quantity, CheckStatus.NotRun, a, null, unit, $"not compared: the runs state it in different units ({before.Unit}, {after.Unit})", source);
        switch (Rule(quantity, unit))
        {
            case Kind.AbsoluteDrop:
            {
                var floor = b - t.MaxAccuracyDrop;
                var passed = a >= floor - 1e-12;
                return new CheckResult(board, model, quantity, passed ? CheckStatus.Passed : CheckStatus.Failed, a, floor, unit, string.Create(inv,
                    $"{a:0.####} against {b:0.####} in baseline run {baselineId}: {(a < b ? $"down {b - a:0.####}" : "not down")}, {(passed ? "within" : "more than")} the allowed drop of {t.MaxAccuracyDrop:0.####}"), source);
            }
            case Kind.RelativeRise rise:
            {
                var limit = rise.Fraction(t);
                var ceiling = b * (1 + limit);
                var passed = a <= ceiling + 1e-12 * Math.Abs(ceiling);
                var change = b != 0 ? (a - b) / b : 0;
                return new CheckResult(board, model, quantity, passed ? CheckStatus.Passed : CheckStatus.Failed, a, ceiling, unit, Tagged(string.Create(inv,
                    $"{a:G6} {unit} against {b:G6} {unit} in baseline run {baselineId}: {change:+0.0%;-0.0%;0.0%}, {(passed ? "within" : "beyond")} the allowed rise of {limit:P1}")), source);
            }
            case Kind.IntervalOverlap:
            {
                if (before.Source != after.Source)
                    return new CheckResult(board, model, quantity, CheckStatus.NotRun, a, null, unit, $"not compared: the figures come from different sources ({before.Source ?? "none"} in the baseline, {after.Source ?? "none"} now)", source);
                if (before.Ci95 is not { } cb || after.Ci95 is not { } ca)
                    return new CheckResult(board, model, quantity, CheckStatus.NotRun, a, null, unit, "not compared: a figure has no 95% interval, and power is compared by its interval", source);
                var (newLow, oldHigh) = (a - ca, b + cb);
                var passed = newLow <= oldHigh;
                return new CheckResult(board, model, quantity, passed ? CheckStatus.Passed : CheckStatus.Failed, a, oldHigh, unit, Tagged(string.Create(inv,
                    $"[{newLow:G5}, {a + ca:G5}] {unit} against the baseline's [{b - cb:G5}, {oldHigh:G5}] {unit} (95% intervals): {(passed ? "they overlap or the new one is lower" : "the new interval lies wholly above the baseline's")}")), source);
            }
            default:
                return new CheckResult(board, model, quantity, CheckStatus.NotRun, a, null, unit, Tagged(string.Create(inv, $"{a:G6} {unit} against {b:G6} {unit} in baseline run {baselineId}: no threshold for {quantity}")), source);
        }
    }

    private static Kind? Rule(string quantity, string unit) => quantity switch
    {
        Quantities.Accuracy => new Kind.AbsoluteDrop(),
        Quantities.HostMetric when unit == "fraction" => new Kind.AbsoluteDrop(),
        Quantities.Perplexity or Quantities.HostMetric => new Kind.RelativeRise(t => t.MaxPerplexityRise),
        Quantities.PeakMemory => new Kind.RelativeRise(t => t.MaxMemoryRise),
        Quantities.LatencyP50 or Quantities.LatencyP99 => new Kind.RelativeRise(t => t.MaxLatencyRise),
        Quantities.Power or Quantities.EnergyPerToken or Quantities.NetEnergyPerToken => new Kind.IntervalOverlap(),
        _ => null,
    };

    private abstract record Kind
    {
        public sealed record AbsoluteDrop : Kind;

        public sealed record RelativeRise(Func<RegressionThresholds, double> Fraction) : Kind;

        public sealed record IntervalOverlap : Kind;
    }
}
