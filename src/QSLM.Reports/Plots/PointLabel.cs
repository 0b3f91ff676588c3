using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// A label beside a marked point, placed in the quadrant away from the lines and points around it, on a light box,
/// so a line through the point never strikes the text through.
/// </summary>
public static class PointLabel
{
    /// <summary>The label's distance from its point, in pixels, along each axis.</summary>
    public const float Offset = 14;

    /// <summary>The quadrant (+1 or −1 along x and y, in data directions) that points least towards any of
    /// <paramref name="neighbours"/>, compared on axes normalised by <paramref name="xSpan"/> and <paramref name="ySpan"/>.</summary>
    public static (int X, int Y) AwayFrom((double X, double Y) point, IEnumerable<(double X, double Y)> neighbours, double xSpan, double ySpan) =>
        Ranked(point, neighbours, xSpan, ySpan)[0];

    /// <summary>The four quadrants, the one pointing least towards any of <paramref name="neighbours"/> first.</summary>
    internal static List<(int X, int Y)> Ranked((double X, double Y) point, IEnumerable<(double X, double Y)> neighbours, double xSpan, double ySpan)
    {
        var directions = neighbours
            .Select(n => ((n.X - point.X) / Math.Max(xSpan, 1e-12), (n.Y - point.Y) / Math.Max(ySpan, 1e-12)))
            .Where(d => d.Item1 != 0 || d.Item2 != 0)
            .Select(d => (X: d.Item1 / Math.Sqrt(d.Item1 * d.Item1 + d.Item2 * d.Item2), Y: d.Item2 / Math.Sqrt(d.Item1 * d.Item1 + d.Item2 * d.Item2)))
            .ToList();
        (int X, int Y)[] quadrants = [(-1, 1), (1, 1), (-1, -1), (1, -1)];
        if (directions.Count == 0) return [.. quadrants];
        // The quadrant whose diagonal is farthest from its nearest neighbour's direction first: largest least angle.
        return [.. quadrants.OrderBy(q => directions.Max(d => (d.X * q.X + d.Y * q.Y) / Math.Sqrt(2)))];
    }

    /// <summary>Adds <paramref name="text"/> beside (<paramref name="x"/>, <paramref name="y"/>) in <paramref name="quadrant"/>.</summary>
    public static ScottPlot.Plottables.Text Add(Plot plot, string text, double x, double y, (int X, int Y) quadrant, Color color)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontColor = color;
        label.LabelFontSize = 14;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        label.LabelBorderColor = color;
        label.LabelPadding = 3;
        // Pixel y grows downwards; the label's anchor is its corner nearest the point.
        label.OffsetX = quadrant.X * Offset;
        label.OffsetY = -quadrant.Y * Offset;
        label.LabelAlignment = quadrant switch
        {
            (1, 1) => Alignment.LowerLeft,
            (-1, 1) => Alignment.LowerRight,
            (1, -1) => Alignment.UpperLeft,
            _ => Alignment.UpperRight,
        };
        return label;
    }
}
