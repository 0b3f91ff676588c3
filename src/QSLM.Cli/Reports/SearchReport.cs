using System.Globalization;
using QSLM.Harness.Reporting;
using QSLM.Reports.Document;
using QSLM.Reports.Plots;
using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>A search run as a report: the chosen candidate as the verdict, the search's figures (Pareto front, power
/// against size, sensitivity), the counts and the reason for the choice as notes.</summary>
internal static class SearchReport
{
    /// <summary>The report of <paramref name="run"/> with <paramref name="chosen"/> marked, its figures drawn; <paramref name="commandLine"/> is the command as typed.</summary>
    public static RunReport Of(SearchRun run, IReadOnlyList<CandidateRow> front, CandidateRow chosen, string reason, SizeAxis axis, string commandLine, DateTimeOffset started)
    {
        var inv = CultureInfo.InvariantCulture;
        var metric = run.IsPerplexity ? chosen.HostValue.ToString("F2", inv) : chosen.HostValue.ToString("P2", inv);
        var power = chosen.PowerWatts is { } w ? string.Create(inv, $", {w:0.###} W ({chosen.PowerSource?.ToString() ?? "unknown source"})") : "";
        var report = new RunReport
        {
            Kind = "search",
            Title = $"Search {Path.GetFullPath(run.Path)}",
            Verdict = string.Create(inv, $"chosen #{chosen.Candidate} ({chosen.Tier} tier): {chosen.Metric} {metric} on the host, {chosen.Bytes:N0} bytes, {chosen.MemoryReduction:P1} smaller than fp32{power}"),
            Status = chosen.Feasible ? CheckStatus.Passed : CheckStatus.Failed,
            Provenance = new ReportProvenance(QslmBuild.Version, QslmBuild.Commit, null, Environment.MachineName, commandLine,
                started, DateTimeOffset.UtcNow, null),
            Notes =
            [
                $"chosen by: {reason}",
                $"precisions of the chosen candidate: {chosen.Precisions}",
                ReportSummary.Counts(run),
                .. chosen.Feasible ? Array.Empty<string>() : ["the chosen candidate does not meet the search's constraints"],
            ],
        };
        return FigureBuilder.WithFigures(report, SearchPlotPoints.Of(run, front, chosen), axis);
    }
}
