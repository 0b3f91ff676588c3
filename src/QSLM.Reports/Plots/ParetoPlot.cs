using System.Globalization;
using QSLM.Search.Results;
using ScottPlot;

namespace QSLM.Cli.Reports;

/// <summary>
/// The report's main figure: every candidate as a faint point (feasible filled, infeasible hollow),
/// the Pareto front of size against the metric as a line with markers, the fp32 baseline and the
/// chosen candidate marked and labelled.
/// </summary>
internal static class ParetoPlot
{
    private static readonly Color Feasible = Color.FromHex("#1f77b4");
    private static readonly Color Infeasible = Color.FromHex("#d62728");
    private static readonly Color Chosen = Color.FromHex("#2ca02c");
    private static readonly Color Baseline = Color.FromHex("#000000");

    public static void Save(string path, int width, int height, SearchRun run, IReadOnlyList<CandidateRow> front, CandidateRow chosen, SizeAxis axis)
    {
        var plot = new Plot();
        ReportFonts.Apply(plot);
        Points(plot, run.Candidates.Where(r => r.Feasible).ToList(), axis, Feasible.WithAlpha(0.35), MarkerShape.FilledCircle, 6, "feasible candidate");
        Points(plot, run.Candidates.Where(r => !r.Feasible).ToList(), axis, Infeasible.WithAlpha(0.45), MarkerShape.OpenCircle, 6, "infeasible candidate");

        var line = plot.Add.ScatterLine(front.Select(r => PlotAxes.X(r, axis)).ToArray(), front.Select(PlotAxes.Y).ToArray(), Feasible);
        line.LineWidth = 2;
        line.LegendText = "Pareto front";
        Points(plot, front.Where(r => r.Feasible).ToList(), axis, Feasible, MarkerShape.FilledCircle, 9, null);
        Points(plot, front.Where(r => !r.Feasible).ToList(), axis, Infeasible, MarkerShape.OpenCircle, 9, null);

        // The baseline is the largest point, at the right edge: its label goes to its left.
        if (run.Baseline is { } baseline) Mark(plot, baseline, axis, Baseline, MarkerShape.FilledSquare, "fp32 baseline", "fp32", labelLeft: axis == SizeAxis.Bytes);
        Mark(plot, chosen, axis, Chosen, MarkerShape.FilledDiamond, "chosen",
            string.Create(CultureInfo.InvariantCulture, $"chosen #{chosen.Candidate}"));

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{(run.IsPerplexity ? "Perplexity" : "Accuracy")} against size: {run.Candidates.Count} candidates, {front.Count} on the Pareto front"));
        plot.XLabel(PlotAxes.XLabel(axis));
        plot.YLabel(PlotAxes.YLabel(run.IsPerplexity));
        plot.ShowLegend(run.IsPerplexity ? Alignment.UpperRight : Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }

    internal static void Points(Plot plot, IReadOnlyList<CandidateRow> rows, SizeAxis axis, Color color, MarkerShape shape, float size, string? legend, Func<CandidateRow, double>? y = null)
    {
        if (rows.Count == 0) return;
        var points = plot.Add.ScatterPoints(rows.Select(r => PlotAxes.X(r, axis)).ToArray(), rows.Select(y ?? PlotAxes.Y).ToArray(), color);
        points.MarkerShape = shape;
        points.MarkerSize = size;
        if (legend is not null) points.LegendText = legend;
    }

    internal static void Mark(Plot plot, CandidateRow row, SizeAxis axis, Color color, MarkerShape shape, string legend, string label, Func<CandidateRow, double>? y = null, bool labelLeft = false)
    {
        var (x, yValue) = (PlotAxes.X(row, axis), (y ?? PlotAxes.Y)(row));
        Points(plot, [row], axis, color, shape, 14, legend, y);
        var text = plot.Add.Text(label, x, yValue);
        text.LabelFontColor = color;
        text.LabelFontSize = 14;
        text.OffsetX = labelLeft ? -10 : 10;
        text.OffsetY = -10;
        if (labelLeft) text.LabelAlignment = Alignment.LowerRight;
    }
}
