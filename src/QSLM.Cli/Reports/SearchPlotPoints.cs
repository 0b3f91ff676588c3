using QSLM.Reports.Plots;
using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>A search's CSV as the report plots take it: plain points, the front, the chosen candidate and the
/// sensitivity measurements with the slice's fp32 baseline.</summary>
internal static class SearchPlotPoints
{
    /// <summary>The plot data of <paramref name="run"/> with <paramref name="chosen"/> marked.</summary>
    public static SearchPlotData Of(SearchRun run, IReadOnlyList<CandidateRow> front, CandidateRow chosen)
    {
        var (sensitivity, baseline) = Sensitivity(run);
        return new SearchPlotData([.. run.Candidates.Select(Point)], [.. front.Select(Point)], Point(chosen), run.IsPerplexity, sensitivity, baseline);
    }

    /// <summary>A row as a plot point.</summary>
    public static SearchPoint Point(CandidateRow row) =>
        new(row.Candidate, row.Tier, row.Bytes, row.MemoryReduction, row.HostValue, row.Feasible, row.PowerWatts, row.PowerSource?.ToString());

    /// <summary>
    /// The sensitivity rows as (unit, precision, metric): a row's unit is the one entry of its compact precisions that
    /// is not fp32 (a block, or a module that overrides its block). The row with none is the slice's fp32 baseline.
    /// </summary>
    public static (IReadOnlyList<SensitivityPoint> Points, double? Baseline) Sensitivity(SearchRun run)
    {
        var points = new List<SensitivityPoint>();
        double? baseline = null;
        foreach (var row in run.Latest.Where(SearchRun.IsSensitivity))
        {
            var lowered = row.Precisions.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('=', 2)).Where(e => e.Length == 2 && e[1] != "fp32").ToList();
            if (lowered.Count == 0) baseline ??= row.HostValue;
            else points.Add(new SensitivityPoint(string.Join("+", lowered.Select(e => e[0])), string.Join("+", lowered.Select(e => e[1]).Distinct()), row.HostValue));
        }
        return (points, baseline);
    }
}
