using QSLM.Reports.Plots;
using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>The PNGs of a search's CSV: the Pareto plot, and the power plot where the run has power figures.</summary>
internal static class RunPlots
{
    /// <summary>Draws the plots of <paramref name="run"/> with <paramref name="chosen"/> marked.</summary>
    /// <param name="run">The search's rows.</param>
    /// <param name="front">Its Pareto front.</param>
    /// <param name="chosen">The candidate to mark.</param>
    /// <param name="png">The Pareto plot's path; the power plot goes beside it as NAME-power.png.</param>
    /// <param name="axis">The x axis.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>One line per PNG written, for the console.</returns>
    public static IReadOnlyList<string> Save(SearchRun run, IReadOnlyList<CandidateRow> front, CandidateRow chosen, string png, SizeAxis axis = SizeAxis.Bytes, int width = 1200, int height = 800)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png))!);
        var data = SearchPlotPoints.Of(run, front, chosen);
        ParetoPlot.Save(png, width, height, data, axis);
        var written = new List<string> { $"plot: {png}" };
        var sources = PowerPlot.Sources(data.Candidates);
        if (sources.Count > 0)
        {
            var powerPng = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(png))!, Path.GetFileNameWithoutExtension(png) + "-power.png");
            PowerPlot.Save(powerPng, width, height, data, axis);
            written.Add($"power plot: {powerPng} ({PowerPlot.YLabel(sources)})");
        }
        return written;
    }

    /// <summary>The Pareto front of a run: packed bytes against the host metric, candidates that failed on the board left out.</summary>
    public static IReadOnlyList<CandidateRow> Front(SearchRun run) =>
        ParetoFront.Of(run.Candidates.Where(r => CandidateStatus.TryParse(r.Status) is not { IsCandidateFailure: true }), r => r.Bytes, r => r.HostValue, higherIsBetter: !run.IsPerplexity);
}
