using QSLM.Reports.Plots;
using SkiaSharp;

namespace QSLM.Reports.Tests.Plots;

public sealed class TrendPlotTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_trend_is_a_png_of_the_asked_size_with_error_bars_and_both_compared_runs_marked()
    {
        TrendPoint[] points =
        [
            new("r3", Monday.AddDays(2), 5.2, 0.1, "compared"),
            new("r1", Monday, 5.0, 0.1, "baseline"),
            new("r2", Monday.AddDays(1), 5.1, null),
        ];

        var png = TrendPlot.Render("m on pi", "power", "W", points, width: 640, height: 360);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((640, 360), (bitmap.Width, bitmap.Height));
        // Something other than the background was drawn: the three markers and the axes at the least.
        Assert.True(bitmap.Pixels.Select(p => (uint)p).Distinct().Count() > 10);
    }

    [Fact]
    public void A_single_run_draws_with_its_axis_around_its_figure()
    {
        var png = TrendPlot.Render("m on pi", "latency_p50", "ms", [new TrendPoint("r1", Monday, 12.5, null, "compared")]);
        Assert.NotNull(SKBitmap.Decode(png));
    }

    [Fact]
    public void No_runs_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendPlot.Render("m on pi", "power", "W", []));
}
