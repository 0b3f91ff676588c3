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

    /// <summary>The figure for <paramref name="data"/>.</summary>
    public static Plot Build(SearchPlotData data, SizeAxis axis)
    {
        var plot = PlotLayout.New();
        double X(SearchPoint p) => PlotAxes.X(p, axis);
        double Y(SearchPoint p) => PlotAxes.Y(p, data.IsPerplexity);
        CandidateMarkers.AddByTier(plot, data.Candidates, X, Y);

        var line = plot.Add.ScatterLine(data.Front.Select(X).ToArray(), data.Front.Select(Y).ToArray(), Front);
        line.LineWidth = 2;
        line.LegendText = "Pareto front";

        var xRange = PlotAxes.SizeRange(data.Candidates.Select(X), axis);
        var yRange = PlotAxes.MetricRange(data.Candidates.Select(Y), data.IsPerplexity);
        var frontPoints = data.Front.Select(p => (X(p), Y(p))).ToList();
        if (data.Baseline is { } baseline)
        {
            CandidateMarkers.AddMark(plot, X(baseline), Y(baseline), CandidateMarkers.Baseline, MarkerShape.FilledSquare, "fp32 baseline");
            Label(plot, "fp32", baseline, X, Y, frontPoints, xRange, yRange, CandidateMarkers.Baseline);
        }
        CandidateMarkers.AddMark(plot, X(data.Chosen), Y(data.Chosen), CandidateMarkers.Chosen, MarkerShape.FilledDiamond, "chosen");
        Label(plot, string.Create(CultureInfo.InvariantCulture, $"chosen #{data.Chosen.Candidate}"), data.Chosen, X, Y, frontPoints, xRange, yRange, CandidateMarkers.Chosen);

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{(data.IsPerplexity ? "Perplexity" : "Accuracy")} against size: {data.Candidates.Count} candidates, {data.Front.Count} on the Pareto front"));
        plot.XLabel(PlotAxes.XLabel(axis));
        plot.YLabel(PlotAxes.YLabel(data.IsPerplexity));
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, xRange, yRange);
        return plot;
    }

    /// <summary>Saves the figure as a PNG.</summary>
    public static void Save(string path, int width, int height, SearchPlotData data, SizeAxis axis) => File.WriteAllBytes(path, PlotLayout.Png(Build(data, axis), width, height));

    // The label goes to the side of the point away from the front's line and the other marks.
    internal static void Label(Plot plot, string text, SearchPoint point, Func<SearchPoint, double> x, Func<SearchPoint, double> y, IReadOnlyList<(double X, double Y)> line,
        (double Low, double High) xRange, (double Low, double High) yRange, Color color)
    {
        var quadrant = PointLabel.AwayFrom((x(point), y(point)), line, xRange.High - xRange.Low, yRange.High - yRange.Low);
        PointLabel.Add(plot, text, x(point), y(point), quadrant, color);
    }
}
