using QSLM.Reports.Plots;
using ScottPlot;

namespace QSLM.Reports.Tests.Plots;

/// <summary>What every report plot must show, read from the plot object rather than its pixels.</summary>
internal static class PlotAssert
{
    /// <summary>The legend is in a panel outside the data area, the axes carry units, and every point lies within the limits.</summary>
    public static void Readable(Plot plot, IEnumerable<(double X, double Y)> data)
    {
        Assert.True(PlotLayout.HasLegendOutside(plot), "the legend must sit outside the data area");
        Assert.Matches(@"\(.+\)", plot.Axes.Bottom.Label.Text);
        Assert.Matches(@"\(.+\)", plot.Axes.Left.Label.Text);
        var limits = plot.Axes.GetLimits();
        foreach (var (x, y) in data)
        {
            Assert.InRange(x, limits.Left, limits.Right);
            Assert.InRange(y, limits.Bottom, limits.Top);
        }
    }

    /// <summary>The labels drawn as text on the plot, by their text.</summary>
    public static ScottPlot.Plottables.Text Label(Plot plot, string text) =>
        plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Single(t => t.LabelText == text);
}
