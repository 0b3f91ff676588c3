using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests.Plots;

public sealed class PowerPlotTests
{
    [Fact]
    public void Power_is_labelled_with_its_sources_and_the_axes_hold_every_power_figure_from_zero_up()
    {
        List<SearchPoint> rows =
        [
            new(1, "baseline", 40_000_000, 0, 0.8, true, 9.1, "measured:ina219-1-0x40"), new(2, "global", 10_000_000, 0.75, 0.79, true, 5.2, "measured:ina219-1-0x40"),
            new(3, "block", 9_000_000, 0.78, 0.79, true, 4.1, "estimated:horowitz-45nm"), new(4, "block", 8_000_000, 0.8, 0.7, false),
        ];
        var plot = PowerPlot.Build(new SearchPlotData(rows, rows, rows[2], false, [], null), SizeAxis.Bytes);
        Assert.Equal("power (W, measured:ina219-1-0x40; estimated:horowitz-45nm)", plot.Axes.Left.Label.Text);
        PlotAssert.Readable(plot, rows.Where(r => r.PowerWatts is not null).Select(r => (r.Bytes / 1e6, r.PowerWatts!.Value)));
        Assert.True(plot.Axes.GetLimits().Bottom >= 0);
        Assert.Equal(["measured:ina219-1-0x40", "estimated:horowitz-45nm"], PowerPlot.Sources(rows));
    }
}
