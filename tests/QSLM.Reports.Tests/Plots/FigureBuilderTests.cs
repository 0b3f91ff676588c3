namespace QSLM.Reports.Tests.Plots;

public sealed class FigureBuilderTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public void A_run_with_windows_gets_a_trace_and_a_per_window_figure_per_board()
    {
        var report = SampleReports.Claim();
        Assert.Equal(["figure-power-trace-orin-sim-jetson-VDD_IN.png", "figure-power-windows-orin-sim.png"], report.Figures.Select(f => f.Name));
        Assert.All(report.Figures, f => Assert.Equal(PngSignature, f.Png[..4]));
        Assert.All(report.Figures, f => Assert.Contains(" W", f.Caption, StringComparison.Ordinal));
        Assert.Contains("simulated:jetson-orin-nano", report.Figures[0].Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_gets_its_pareto_front_whole_and_in_detail_its_power_and_its_sensitivity_figures()
    {
        Assert.Equal(["figure-pareto.png", "figure-pareto-front.png", "figure-power.png", "figure-sensitivity.png"], SampleReports.Search().Figures.Select(f => f.Name));
    }

    [Fact]
    public void A_run_without_windows_or_search_data_gets_no_figure()
    {
        Assert.Empty(SampleReports.Regress().Figures);
    }
}
