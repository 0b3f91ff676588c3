using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// Places the labels of one plot one after another: each in the quadrant of its point that keeps it inside the axes,
/// off the labels already placed and off other points, and, of those, away from the lines through its point
/// (<see cref="PointLabel"/>). Where no quadrant is free of everything, the one with the least in its way.
/// </summary>
/// <param name="x">The x axis' limits.</param>
/// <param name="y">The y axis' limits.</param>
/// <param name="pixels">The image's size, which sets a label's size in data units.</param>
/// <param name="points">Every point drawn, which a label should not cover.</param>
public sealed class LabelLayout((double Low, double High) x, (double Low, double High) y, (int Width, int Height) pixels, IReadOnlyList<(double X, double Y)> points)
{
    private readonly List<(double Left, double Right, double Bottom, double Top)> _placed = [];

    /// <summary>The boxes of the labels placed so far, in data units.</summary>
    public IReadOnlyList<(double Left, double Right, double Bottom, double Top)> Placed => _placed;

    /// <summary>Adds <paramref name="text"/> beside <paramref name="point"/>, clear of <paramref name="line"/> (the points of the
    /// lines through it) where there is room.</summary>
    public ScottPlot.Plottables.Text Add(Plot plot, string text, (double X, double Y) point, IEnumerable<(double X, double Y)> line, Color color, float fontSize = 14)
    {
        // In data units: the gap between the point and its label, and the label's box (text and padding), at the
        // sizes PointLabel draws them; the data area is most of the image, the legend panel and axes take the rest.
        var (perX, perY) = ((x.High - x.Low) / (pixels.Width * 0.7), (y.High - y.Low) / (pixels.Height * 0.8));
        var gap = (X: PointLabel.Offset * perX, Y: PointLabel.Offset * perY);
        var size = (Width: (text.Length * 0.62 * fontSize + 6) * perX, Height: (fontSize * 1.2 + 6) * perY);
        var ranked = PointLabel.Ranked(point, line, x.High - x.Low, y.High - y.Low);
        var quadrant = ranked.OrderBy(q => Cost(Box(point, q, gap, size), point)).First();
        _placed.Add(Box(point, quadrant, gap, size));
        var label = PointLabel.Add(plot, text, point.X, point.Y, quadrant, color);
        label.LabelFontSize = fontSize;
        return label;
    }

    private static (double Left, double Right, double Bottom, double Top) Box((double X, double Y) point, (int X, int Y) q, (double X, double Y) gap, (double Width, double Height) size)
    {
        var (x0, x1) = (point.X + q.X * gap.X, point.X + q.X * (gap.X + size.Width));
        var (y0, y1) = (point.Y + q.Y * gap.Y, point.Y + q.Y * (gap.Y + size.Height));
        return (Math.Min(x0, x1), Math.Max(x0, x1), Math.Min(y0, y1), Math.Max(y0, y1));
    }

    // Leaving the axes is worst, then covering another label, then covering points; OrderBy is stable, so among
    // equals the quadrant clearest of the lines wins.
    private double Cost((double Left, double Right, double Bottom, double Top) box, (double X, double Y) point)
    {
        var outside = box.Left < x.Low || box.Right > x.High || box.Bottom < y.Low || box.Top > y.High ? 1000 : 0;
        var labels = _placed.Count(p => p.Left < box.Right && box.Left < p.Right && p.Bottom < box.Top && box.Bottom < p.Top) * 100;
        var covered = points.Count(p => p != point && p.X > box.Left && p.X < box.Right && p.Y > box.Bottom && p.Y < box.Top);
        return outside + labels + covered;
    }
}
