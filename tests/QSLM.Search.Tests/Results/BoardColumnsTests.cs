using QSLM.Search.Board;
using QSLM.Search.Results;
using QSLM.Sensors.Board;

namespace QSLM.Search.Tests.Results;

/// <summary>The board's columns of the search's CSV: every figure of a measurement is written and read back, and a
/// log written before the newer columns existed still resumes.</summary>
public sealed class BoardColumnsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-board-columns-");

    public void Dispose() => _temp.Dispose();

    // The columns a search log had before the window, idle and saving columns.
    private const string OlderHeader = "candidate,tier,precisions,bytes,memory_reduction,metric,host_value,board_value,latency_ms_per_token,peak_rss_bytes,power_w,power_ci95_w,energy_j_per_token,power_source,objective,feasible,status";

    private static BoardMeasurement Windowed(bool quick) => new(0.79, 4.5, 60_000_000, 3.25, 0.04, 0.0146, SourceTag.Simulated("jetson-ina3221"))
    {
        EnergyCi95JoulesPerToken = 0.0002, IdleWatts = 1.5, NetWatts = 1.75, NetJoulesPerToken = 0.0079, Saving = 0.31, SavingCi95 = 0.02,
        Windows = 5, WindowSeconds = quick ? 0.5 : 10, Quick = quick, ThrottledWindows = 1,
    };

    private static CandidateRow HostRow(int id) => new()
    {
        Candidate = id, Tier = "global", Precisions = "input=int8 output=int8", Bytes = 1000, MemoryReduction = 0.5,
        Metric = "accuracy", HostValue = 0.79, Objective = 0.1, Feasible = true, Status = "host-only",
    };

    [Fact]
    public void Every_figure_of_a_measurement_is_written_to_its_column_and_read_back_as_the_same_measurement()
    {
        var path = Path.Combine(_temp.Path, "search.csv");
        var row = BoardColumns.With(HostRow(1) with { Status = "measured" }, Windowed(quick: false));
        using (var log = ResultsLog.Open(path)) log.Append(row);

        using var reopened = ResultsLog.Open(path);
        Assert.Equal(row, Assert.Single(reopened.Rows));
        Assert.Equal(Windowed(quick: false), BoardColumns.Read(reopened.Rows[0], failure: null));
        Assert.Contains("energy_ci95_j_per_token,idle_w,net_w,net_j_per_token,saving,saving_ci95,windows,window_s,quick,throttled_windows", File.ReadLines(path).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quick_measurement_says_quick_in_its_row_and_a_host_row_leaves_the_column_empty()
    {
        var path = Path.Combine(_temp.Path, "search.csv");
        using (var log = ResultsLog.Open(path))
        {
            log.Append(HostRow(1));
            log.Append(BoardColumns.With(HostRow(1) with { Status = "measured" }, Windowed(quick: true)));
        }

        using var reopened = ResultsLog.Open(path);
        Assert.Null(reopened.Rows[0].Quick);
        Assert.True(reopened.Rows[1].Quick);
        var header = File.ReadLines(path).First().Split(',');
        var quick = Array.IndexOf(header, "quick");
        Assert.Equal("true", File.ReadLines(path).Last().Split(',')[quick], ignoreCase: true);
        Assert.True(BoardColumns.Read(reopened.Rows[1], failure: null).Quick);
    }

    [Fact]
    public void A_log_written_before_the_newer_columns_resumes_and_gets_the_current_header_before_new_rows()
    {
        var path = Path.Combine(_temp.Path, "search.csv");
        File.WriteAllText(path, OlderHeader + "\n"
            + "1,baseline,fp32,2000,0,accuracy,0.8,,,,,,,,0,True,host-only\n"
            + "1,baseline,fp32,2000,0,accuracy,0.8,0.8,5,60000000,3.5,0.01,0.0175,simulated:synthetic-board,0,True,measured\n");

        using (var log = ResultsLog.Open(path))
        {
            Assert.Equal(2, log.Rows.Count);
            var measured = BoardColumns.Read(log.Rows[1], failure: null);
            Assert.Equal(0.0175, measured.EnergyJoulesPerToken);
            Assert.Null(measured.Saving);
            Assert.Null(measured.Windows);
            Assert.False(measured.Quick);
            Assert.Equal(1, CompletedWork.From(log.Rows).BoardMeasurements);
            log.Append(BoardColumns.With(HostRow(2) with { Status = "measured" }, Windowed(quick: true)));
        }

        using var reopened = ResultsLog.Open(path);
        Assert.Equal(3, reopened.Rows.Count);
        Assert.Equal(0.0175, reopened.Rows[1].EnergyJoulesPerToken);
        Assert.Equal(Windowed(quick: true), BoardColumns.Read(reopened.Rows[2], failure: null));
        Assert.EndsWith("quick,throttled_windows,objective,feasible,status", File.ReadLines(path).First(), StringComparison.Ordinal);
    }
}
