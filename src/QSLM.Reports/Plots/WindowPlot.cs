using System.Globalization;
using QSLM.Reports.Document;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// Each window's mean power on one board, by side, with each side's mean over its kept windows and that mean's 95%
/// confidence interval (Student's t) drawn as a band across the side's windows. Windows not kept are drawn hollow.
/// </summary>
public static class WindowPlot
{
    /// <summary>The figure for the windows of <paramref name="board"/>.</summary>
    public static Plot Build(string board, IReadOnlyList<ReportWindow> windows)
    {
        var plot = PlotLayout.New();
        var own = windows.Where(w => w.Board == board).ToList();
        var sides = WindowSides.Order(own.Select(w => w.Side));
        var extents = new List<double>();
        for (var i = 0; i < sides.Count; i++)
        {
            var color = WindowSides.Of(sides[i], i);
            var side = own.Where(w => w.Side == sides[i]).ToList();
            foreach (var kept in new[] { true, false })
            {
                var group = side.Where(w => w.Kept == kept).ToList();
                if (group.Count == 0) continue;
                var points = plot.Add.ScatterPoints(group.Select(w => (double)w.Index).ToArray(), group.Select(w => w.Watts).ToArray(), color);
                points.MarkerShape = kept ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                points.MarkerSize = 9;
                points.LegendText = kept ? $"{sides[i]} window" : $"{sides[i]} window, not kept";
            }
            var values = side.Where(w => w.Kept).Select(w => w.Watts).ToList();
            if (values.Count == 0) continue;
            var (mean, half) = MeanInterval.Of(values);
            var (left, right) = (side.Min(w => w.Index) - 0.4, side.Max(w => w.Index) + 0.4);
            if (half is { } h)
            {
                var band = plot.Add.Rectangle(left, right, mean - h, mean + h);
                band.FillColor = color.WithAlpha(0.18);
                band.LineColor = color.WithAlpha(0.5);
                band.LegendText = string.Create(CultureInfo.InvariantCulture, $"{sides[i]} mean {mean:0.###} ± {h:0.###} W (95% CI, {values.Count} windows)");
                extents.AddRange([mean - h, mean + h]);
            }
            var meanLine = plot.Add.Line(left, mean, right, mean);
            meanLine.Color = color;
            meanLine.LineWidth = 2;
            if (half is null) meanLine.LegendText = string.Create(CultureInfo.InvariantCulture, $"{sides[i]} mean {mean:0.###} W (one window: no interval)");
        }
        var source = string.Join("; ", own.Select(w => w.Source).Distinct());
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Power per window on {board}: {own.Count} windows"));
        plot.XLabel("window (order in the run)");
        plot.YLabel($"mean power in the window (W, idle included; {source})");
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, PlotAxes.Range(own.Select(w => (double)w.Index)), PlotAxes.Range(own.Select(w => w.Watts).Concat(extents), floor: 0));
        return plot;
    }
}
