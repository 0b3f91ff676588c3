using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests.Plots;

public sealed class SensitivityPlotTests
{
    private static readonly List<SensitivityPoint> Points =
    [
        new("input", "int8", 0.77), new("input", "int2", 0.665), new("blocks.0", "int8", 0.79), new("blocks.0", "int2", 0.77), new("blocks.0.att.key", "int4", 0.80),
    ];

    [Fact]
    public void Each_unit_gets_a_bar_per_precision_showing_the_accuracy_loss_in_points()
    {
        var plot = SensitivityPlot.Build(Points, 0.79, perplexity: false);
        var series = plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().ToList();
        Assert.Equal(["int8", "int2", "int4"], series.Select(s => s.LegendText));
        var values = series.SelectMany(s => s.Bars).Select(b => Math.Round(b.Value, 6)).ToList();
        Assert.Equal([2.0, 0.0, 12.5, 2.0, -1.0], values);
        Assert.Equal("accuracy loss against fp32 (percentage points; sensitivity slice)", plot.Axes.Left.Label.Text);
        PlotLayout.Png(plot, 600, 400);
        Assert.Equal(["input", "blocks.0", "blocks.0.att.key"], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
        PlotAssert.Readable(plot, series.SelectMany(s => s.Bars).Select(b => (b.Position, b.Value)));
    }

    [Fact]
    public void A_perplexity_run_shows_the_rise_in_perplexity()
    {
        var plot = SensitivityPlot.Build([new SensitivityPoint("blocks.1", "int4", 12.5)], 12.0, perplexity: true);
        Assert.Equal(0.5, plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars.Single().Value, 9);
        Assert.StartsWith("perplexity rise against fp32 (dimensionless", plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }
}
