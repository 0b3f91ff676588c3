using System.Globalization;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// A search's main figure: every candidate by tier (feasible filled, infeasible hollow), the Pareto front of size
/// against the metric as a line, the fp32 baseline and the chosen candidate marked and labelled clear of the front.
/// The legend sits outside the data area; the axes run over the data (an accuracy axis within 0 to 100%).
/// </summary>
public static class ParetoPlot
{
    private static readonly Color Front = Color.FromHex("#1f77b4");

    /// <summary>The figure for <paramref name="data"/>, to be drawn at <paramref name="width"/> by <paramref name="height"/> pixels
    /// (labels are placed where they fit at that size). With <paramref name="frontOnly"/>, the axes run over the front alone
    /// (the fp32 baseline apart), each front candidate labelled with its number: the detail where candidates bunch.</summary>
    public static Plot Build(SearchPlotData data, SizeAxis axis, int width = 1200, int height = 700, bool frontOnly = false)
    {
        var plot = PlotLayout.New();
        double X(SearchPoint p) => PlotAxes.X(p, axis);
        double Y(SearchPoint p) => PlotAxes.Y(p, data.IsPerplexity);
        CandidateMarkers.AddByTier(plot, data.Candidates, X, Y);

        var line = plot.Add.ScatterLine(data.Front.Select(X).ToArray(), data.Front.Select(Y).ToArray(), Front);
        line.LineWidth = 2;
        line.LegendText = "Pareto front";

        var shown = frontOnly ? data.Front.Where(p => p.Tier != "baseline").DefaultIfEmpty(data.Chosen).ToList() : data.Candidates;
        var xRange = PlotAxes.SizeRange(shown.Select(X), axis);
        var yRange = PlotAxes.MetricRange(shown.Select(Y), data.IsPerplexity);
        // Room for the labels of the points nearest the edges, still within what each quantity can be.
        if (frontOnly)
        {
            xRange = PlotAxes.Widen(xRange, 0.12, 0, axis == SizeAxis.Reduction ? 100 : null);
            yRange = PlotAxes.Widen(yRange, 0.12, 0, data.IsPerplexity ? null : 100);
        }
        var frontPoints = data.Front.Select(p => (X(p), Y(p))).ToList();
        var labels = new LabelLayout(xRange, yRange, (width, height), [.. shown.Select(p => (X(p), Y(p)))]);
        // The chosen candidate is labelled first: it gets the clearest place.
        CandidateMarkers.AddMark(plot, X(data.Chosen), Y(data.Chosen), CandidateMarkers.Chosen, MarkerShape.FilledDiamond, "chosen");
        labels.Add(plot, string.Create(CultureInfo.InvariantCulture, $"chosen #{data.Chosen.Candidate}"), (X(data.Chosen), Y(data.Chosen)), frontPoints, CandidateMarkers.Chosen);
        if (data.Baseline is { } baseline && !frontOnly)
        {
            CandidateMarkers.AddMark(plot, X(baseline), Y(baseline), CandidateMarkers.Baseline, MarkerShape.FilledSquare, "fp32 baseline");
            labels.Add(plot, "fp32", (X(baseline), Y(baseline)), frontPoints, CandidateMarkers.Baseline);
        }
        if (frontOnly)
        {
            foreach (var point in data.Front.Where(p => p.Tier != "baseline" && p.Candidate != data.Chosen.Candidate))
                labels.Add(plot, string.Create(CultureInfo.InvariantCulture, $"#{point.Candidate}"), (X(point), Y(point)), frontPoints, Front, 11);
        }

        plot.Title(frontOnly
            ? string.Create(CultureInfo.InvariantCulture, $"The Pareto front in detail: {data.Front.Count} candidates, the fp32 baseline apart")
            : string.Create(CultureInfo.InvariantCulture, $"{(data.IsPerplexity ? "Perplexity" : "Accuracy")} against size: {data.Candidates.Count} candidates, {data.Front.Count} on the Pareto front"));
        plot.XLabel(PlotAxes.XLabel(axis));
        plot.YLabel(PlotAxes.YLabel(data.IsPerplexity));
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, xRange, yRange);
        return plot;
    }

    /// <summary>Saves the figure as a PNG.</summary>
    public static void Save(string path, int width, int height, SearchPlotData data, SizeAxis axis) => File.WriteAllBytes(path, PlotLayout.Png(Build(data, axis, width, height), width, height));
}
