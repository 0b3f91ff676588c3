using QSLM.Cli.Reports;
using QSLM.Reports.Plots;

namespace QSLM.Cli.Tests.Reports;

public sealed class SearchPlotPointsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-plot-points-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_sensitivity_row_is_read_as_the_unit_it_lowers_and_the_all_fp32_row_as_the_slice_s_baseline()
    {
        var csv = RunCsv.Accuracy.TrimEnd() + "\n" + RunCsv.SensitivityBaseline + "\n"
            + "9,sensitivity,input=fp32 blocks.0=fp32 blocks.0.att.key=int2 output=fp32,3900000,0.02,accuracy,0.9,,,,,,,,0.1,True,\"host-only, sensitivity slice\"\n";
        var (points, baseline) = SearchPlotPoints.Sensitivity(SearchRun.Load(RunCsv.Write(_temp.Path, csv)));
        Assert.Equal(0.93, baseline);
        Assert.Equal([new SensitivityPoint("input", "int4", 0.95), new SensitivityPoint("blocks.0.att.key", "int2", 0.9)], points);
    }

    [Fact]
    public void The_plot_data_keeps_the_competing_candidates_the_front_and_the_chosen_one_with_their_power_source()
    {
        var run = SearchRun.Load(RunCsv.Write(_temp.Path, RunCsv.Accuracy));
        var five = run.Candidates.Single(r => r.Candidate == 5);
        var data = SearchPlotPoints.Of(run, RunPlots.Front(run), five);
        Assert.Equal(run.Candidates.Select(r => r.Candidate), data.Candidates.Select(p => p.Candidate));
        Assert.Equal(new SearchPoint(5, "block", 800_000, 0.8, 0.7985, true, 3.2, "estimated:horowitz-45nm"), data.Chosen);
        Assert.Equal(1, data.Baseline!.Candidate);
        Assert.Null(data.SensitivityBaseline);
    }
}
