using System.Globalization;
using QSLM.Reports.Document;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// A board's power trace over the run with each measurement window shaded by its side (idle, baseline, candidate),
/// so a reader sees what each window's figure was taken from. A window not kept (a throttled one, repeated) is
/// shaded lighter and named so in the legend.
/// </summary>
public static class TracePlot
{
    /// <summary>The figure for <paramref name="trace"/> and the windows of its board.</summary>
    public static Plot Build(ReportTrace trace, IReadOnlyList<ReportWindow> windows)
    {
        var plot = PlotLayout.New();
        var own = windows.Where(w => w.Board == trace.Board).ToList();
        var sides = WindowSides.Order(own.Select(w => w.Side));
        for (var i = 0; i < sides.Count; i++)
        {
            var color = WindowSides.Of(sides[i], i);
            foreach (var kept in new[] { true, false })
            {
                var first = true;
                foreach (var window in own.Where(w => w.Side == sides[i] && w.Kept == kept))
                {
                    var span = plot.Add.HorizontalSpan(window.StartSeconds, window.StopSeconds);
                    span.FillColor = color.WithAlpha(kept ? 0.25 : 0.08);
                    span.LineColor = color.WithAlpha(kept ? 0.6 : 0.3);
                    if (first) span.LegendText = kept ? $"{sides[i]} window" : $"{sides[i]} window, not kept";
                    first = false;
                }
            }
        }
        var line = plot.Add.ScatterLine(trace.Seconds.ToArray(), trace.Watts.ToArray(), Color.FromHex("#222222"));
        line.LineWidth = 1;
        line.LegendText = $"{trace.Sensor} ({trace.Source})";

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Power on {trace.Board}: {trace.Seconds.Count} samples, {own.Count} windows"));
        plot.XLabel("time on the run's clock (s)");
        plot.YLabel($"power (W, {trace.Source})");
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, PlotAxes.Range(trace.Seconds.Concat(own.SelectMany(w => new[] { w.StartSeconds, w.StopSeconds })), floor: 0), PlotAxes.Range(trace.Watts, floor: 0));
        return plot;
    }
}
