using System.Globalization;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>One run's figure in a trend.</summary>
/// <param name="Run">The run's id.</param>
/// <param name="Started">When it began (UTC): the x axis's order and labels.</param>
/// <param name="Value">The figure.</param>
/// <param name="Ci95">Half-width of its 95% interval, drawn as an error bar, or null.</param>
/// <param name="Role"><c>baseline</c> or <c>compared</c> for the two runs a regression compares, else null.</param>
public sealed record TrendPoint(string Run, DateTimeOffset Started, double Value, double? Ci95, string? Role = null);

/// <summary>
/// A quantity of one board and model over a history's runs, oldest first: one point per run with its 95% interval as
/// an error bar, the baseline and the compared run marked. Units on both axes, the legend outside the data, and the
/// y axis scaled to the figures and their intervals (never to zero when the figures sit far from it).
/// </summary>
public static class TrendPlot
{
    /// <summary>The plot as PNG bytes.</summary>
    /// <param name="title">What it shows (board and model).</param>
    /// <param name="quantity">The quantity's name.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="source">Where the figures come from (<c>measured:</c>, <c>simulated:</c>, <c>estimated:</c>), for power and energy; null otherwise.</param>
    /// <param name="points">One per run, in any order (drawn by start time).</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static byte[] Render(string title, string quantity, string unit, IReadOnlyList<TrendPoint> points, string? source = null, int width = 800, int height = 420)
    {
        ArgumentOutOfRangeException.ThrowIfZero(points.Count);
        var ordered = points.OrderBy(p => p.Started).ThenBy(p => p.Run, StringComparer.Ordinal).ToList();
        var xs = Enumerable.Range(1, ordered.Count).Select(i => (double)i).ToArray();
        var ys = ordered.Select(p => p.Value).ToArray();
        var plot = new Plot();
        ReportFonts.Apply(plot);

        var line = plot.Add.Scatter(xs, ys, Color.FromHex("#1f77b4"));
        line.LegendText = $"{quantity} per run";
        line.MarkerSize = 7;
        if (ordered.Any(p => p.Ci95 is not null))
        {
            var bars = plot.Add.ErrorBar(xs, ys, ordered.Select(p => p.Ci95 ?? 0).ToArray());
            bars.Color = Color.FromHex("#1f77b4");
            bars.LegendText = "95% interval";
        }
        Mark(plot, ordered, xs, "baseline", Color.FromHex("#000000"), MarkerShape.FilledSquare);
        Mark(plot, ordered, xs, "compared", Color.FromHex("#d62728"), MarkerShape.FilledDiamond);

        // Date over time, on two lines: ten runs' labels fit side by side without overlapping.
        plot.Axes.Bottom.SetTicks(xs, [.. ordered.Select(p => p.Started.UtcDateTime.ToString("MM-dd'\n'HH:mm", CultureInfo.InvariantCulture))]);
        plot.XLabel("run, by start time (UTC)");
        var label = string.Join(", ", new[] { unit, source }.Where(t => !string.IsNullOrEmpty(t)));
        plot.YLabel(label.Length == 0 ? quantity : $"{quantity} ({label})");
        plot.Title(title);
        var low = ordered.Min(p => p.Value - (p.Ci95 ?? 0));
        var high = ordered.Max(p => p.Value + (p.Ci95 ?? 0));
        var pad = high > low ? (high - low) * 0.1 : Math.Max(Math.Abs(high) * 0.05, 1e-9);
        plot.Axes.SetLimits(0.5, ordered.Count + 0.5, low - pad, high + pad);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void Mark(Plot plot, IReadOnlyList<TrendPoint> ordered, double[] xs, string role, Color color, MarkerShape shape)
    {
        var at = ordered.Select((p, i) => (p, i)).Where(t => t.p.Role == role).ToList();
        if (at.Count == 0) return;
        var marker = plot.Add.Markers(at.Select(t => xs[t.i]).ToArray(), at.Select(t => t.p.Value).ToArray(), shape, 11, color);
        marker.LegendText = $"{role} run";
    }
}
