using QSLM.Reports.Plots;

namespace QSLM.Reports.Tests.Plots;

public sealed class WindowFigureTests
{
    [Fact]
    public void The_trace_shades_each_window_by_its_side_and_holds_every_sample()
    {
        var (windows, trace) = SampleReports.Windows("orin");
        var plot = TracePlot.Build(trace, windows);
        PlotAssert.Readable(plot, trace.Seconds.Zip(trace.Watts));
        Assert.Equal("time on the run's clock (s)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("power (W, simulated:jetson-orin-nano)", plot.Axes.Left.Label.Text);
        var spans = plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalSpan>().ToList();
        Assert.Equal(windows.Count, spans.Count);
        Assert.Equal(["idle window", "baseline window", "candidate window", "candidate window, not kept"], spans.Select(s => s.LegendText).Where(t => t.Length > 0));
        // Idle, baseline and candidate are told apart by colour.
        Assert.Equal(3, spans.Where(s => windows.Single(w => w.StartSeconds == s.X1).Kept).Select(s => s.FillColor.WithAlpha(1)).Distinct().Count());
    }

    [Fact]
    public void Each_side_s_mean_and_95_percent_interval_are_drawn_and_within_the_axes()
    {
        var (windows, _) = SampleReports.Windows("orin");
        var plot = WindowPlot.Build("orin", windows);
        PlotAssert.Readable(plot, windows.Select(w => ((double)w.Index, w.Watts)));
        var bands = plot.GetPlottables().OfType<ScottPlot.Plottables.Rectangle>().ToList();
        Assert.Equal(2, bands.Count);
        var baseline = windows.Where(w => w.Side == "baseline" && w.Kept).Select(w => w.Watts).ToList();
        var (mean, half) = MeanInterval.Of(baseline);
        var band = bands.Single(b => b.LegendText.StartsWith("baseline", StringComparison.Ordinal));
        Assert.Equal(mean - half!.Value, band.CoordinateRect.Bottom, 9);
        Assert.Equal(mean + half.Value, band.CoordinateRect.Top, 9);
        Assert.InRange(mean + half.Value, plot.Axes.GetLimits().Bottom, plot.Axes.GetLimits().Top);
        Assert.Contains("W", plot.Axes.Left.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interval_is_students_t_over_the_kept_windows()
    {
        var (mean, half) = MeanInterval.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, mean);
        Assert.Equal(4.303 * 1.0 / Math.Sqrt(3), half!.Value, 9);
        Assert.Null(MeanInterval.Of([5.0]).HalfWidth);
    }
}
