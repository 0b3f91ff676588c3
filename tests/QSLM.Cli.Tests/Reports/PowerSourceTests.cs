using QSLM.Cli.Reports;
using QSLM.Errors;
using QSLM.Reports.Plots;
using QSLM.Sensors.Board;
using Spectre.Console;

namespace QSLM.Cli.Tests.Reports;

public sealed class PowerSourceTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-report-source-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_search_csv_whose_power_source_is_not_a_source_tag_is_refused_naming_the_file_and_line()
    {
        var path = RunCsv.Write(_temp.Path, RunCsv.Accuracy.Replace("estimated:horowitz-45nm", "sensor ina219:1:0x40", StringComparison.Ordinal));

        var e = Assert.Throws<InputException>(() => SearchRun.Load(path));
        Assert.StartsWith($"{path} line 9:", e.Message, StringComparison.Ordinal);
        Assert.Contains("'sensor ina219:1:0x40' is not a source tag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_power_source_is_read_as_a_tag_and_the_plot_and_summary_label_power_with_it()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy.Replace("estimated:horowitz-45nm", "measured:ina219-1-0x40", StringComparison.Ordinal)));
        var five = run.Latest.Single(r => r.Candidate == 5);
        Assert.Equal(SourceTag.Measured("ina219-1-0x40"), five.PowerSource);

        var sources = PowerPlot.Sources(run.Candidates.Select(SearchPlotPoints.Point));
        Assert.Equal(["measured:ina219-1-0x40"], sources);
        Assert.Equal("power (W, measured:ina219-1-0x40)", PowerPlot.YLabel(sources));

        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        ReportSummary.Write(console, run, [five], five, "test");
        Assert.Contains("3.2 W ± 0.1 (measured:ina219-1-0x40)", output.ToString(), StringComparison.Ordinal);
    }
}
