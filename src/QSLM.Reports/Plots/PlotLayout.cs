using ScottPlot;
using ScottPlot.Panels;

namespace QSLM.Reports.Plots;

/// <summary>The layout every report plot shares: the bundled font, the legend in its own panel to the right of the data
/// area (so it can never hide a point), and a PNG of a fixed size.</summary>
public static class PlotLayout
{
    /// <summary>A new plot drawn with the bundled font.</summary>
    public static Plot New()
    {
        var plot = new Plot();
        ReportFonts.Apply(plot);
        return plot;
    }

    /// <summary>Shows the legend outside the data area, to its right.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>Whether <paramref name="plot"/>'s legend is drawn outside its data area (in a panel, not over the data).</summary>
    public static bool HasLegendOutside(Plot plot) => !plot.Legend.IsVisible && plot.Axes.GetPanels().OfType<LegendPanel>().Any();

    /// <summary>The plot as a PNG.</summary>
    public static byte[] Png(Plot plot, int width = 1200, int height = 700) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
