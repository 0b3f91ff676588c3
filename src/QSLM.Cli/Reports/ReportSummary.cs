using System.Globalization;
using QSLM.Search.Results;
using Spectre.Console;

namespace QSLM.Cli.Reports;

/// <summary>The report's text: the chosen candidate beside the fp32 baseline, the Pareto front, and counts.</summary>
internal static class ReportSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, SearchRun run, IReadOnlyList<CandidateRow> front, CandidateRow chosen, string reason)
    {
        var baseline = run.Baseline;
        var table = new Table().AddColumns("", $"chosen ({reason})", "fp32 baseline");
        table.AddRow("candidate", $"#{chosen.Candidate} ({chosen.Tier} tier)", baseline is null ? "not in the run" : $"#{baseline.Candidate}");
        table.AddRow("precisions", Markup.Escape(chosen.Precisions), baseline is null ? "" : Markup.Escape(baseline.Precisions));
        table.AddRow("packed bytes", chosen.Bytes.ToString("N0", Inv), baseline?.Bytes.ToString("N0", Inv) ?? "");
        table.AddRow("memory reduction against fp32", chosen.MemoryReduction.ToString("P2", Inv), baseline?.MemoryReduction.ToString("P2", Inv) ?? "");
        table.AddRow($"{chosen.Metric} (host)", Metric(chosen.HostValue, run), baseline is null ? "" : Metric(baseline.HostValue, run));
        if (chosen.BoardValue is not null || baseline?.BoardValue is not null)
            table.AddRow($"{chosen.Metric} (board)", Optional(chosen.BoardValue, run), Optional(baseline?.BoardValue, run));
        table.AddRow("power", Markup.Escape(Power(chosen)), baseline is null ? "" : Markup.Escape(Power(baseline)));
        table.AddRow("objective J", chosen.Objective.ToString("F4", Inv), baseline?.Objective.ToString("F4", Inv) ?? "");
        table.AddRow("feasible", chosen.Feasible ? "yes" : "no", baseline is null ? "" : baseline.Feasible ? "yes" : "no");
        table.AddRow("status", Markup.Escape(chosen.Status), baseline is null ? "" : Markup.Escape(baseline.Status));
        console.Write(table);

        var frontTable = new Table().Title("Pareto front (size against the host metric)").AddColumns("candidate", "tier", "packed bytes", "reduction", chosen.Metric, "J", "feasible");
        foreach (var r in front)
        {
            frontTable.AddRow($"#{r.Candidate}{(r.Candidate == chosen.Candidate ? " (chosen)" : "")}", r.Tier, r.Bytes.ToString("N0", Inv), r.MemoryReduction.ToString("P1", Inv),
                Metric(r.HostValue, run), r.Objective.ToString("F4", Inv), r.Feasible ? "yes" : "no");
        }
        console.Write(frontTable);
        console.WriteLine(Counts(run));
    }

    /// <summary>One line of counts: candidates, feasible, measured on a board, failed by class.</summary>
    public static string Counts(SearchRun run)
    {
        var c = run.Candidates;
        var sensitivity = run.Latest.Count - c.Count;
        var statuses = c.Select(r => CandidateStatus.TryParse(r.Status)).ToList();
        var infrastructure = statuses.Count(s => s is { IsInfrastructureFailure: true });
        var candidate = statuses.Count(s => s is { IsCandidateFailure: true });
        return string.Create(Inv,
            $"{c.Count} candidates ({sensitivity} sensitivity measurements apart), {c.Count(r => r.Feasible)} feasible, {statuses.Count(s => s?.Outcome == CandidateOutcome.Measured)} measured on a board, failed: {infrastructure} infrastructure, {candidate} candidate");
    }

    private static string Metric(double value, SearchRun run) => run.IsPerplexity ? value.ToString("F2", Inv) : value.ToString("P2", Inv);

    private static string Optional(double? value, SearchRun run) => value is { } v ? Metric(v, run) : "";

    private static string Power(CandidateRow r) => r.PowerWatts is { } w
        ? string.Create(Inv, $"{w:0.###} W{(r.PowerCi95Watts is { } ci ? $" ± {ci:0.###}" : "")} ({r.PowerSource?.ToString() ?? "unknown source"})")
        : "not measured";
}
