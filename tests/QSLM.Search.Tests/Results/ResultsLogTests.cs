using QSLM.Sensors.Board;
using QSLM.Search.Results;

namespace QSLM.Search.Tests.Results;

public sealed class ResultsLogTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-log-");

    public void Dispose() => _temp.Dispose();

    private static CandidateRow Row(int id) => new()
    {
        Candidate = id, Tier = "global", Precisions = $"input=int{id} output=int8", Bytes = 1000 + id, MemoryReduction = 0.5,
        Metric = "accuracy", HostValue = 0.79, Objective = 0.1, Feasible = true, Status = "host-only",
        PowerWatts = id == 2 ? 3.25 : null, PowerSource = id == 2 ? SourceTag.Simulated("ina219") : null,
    };

    [Fact]
    public void Rows_written_are_read_back_exactly_when_the_log_is_reopened()
    {
        var path = Path.Combine(_temp.Path, "run.csv");
        using (var log = ResultsLog.Open(path))
        {
            log.Append(Row(1));
            log.Append(Row(2));
        }
        using var reopened = ResultsLog.Open(path);
        Assert.Equal([Row(1), Row(2)], reopened.Rows);
        Assert.StartsWith("candidate,tier,precisions,bytes,memory_reduction,metric,host_value", File.ReadAllText(path));
    }

    [Fact]
    public void A_row_torn_by_a_kill_is_cut_off_and_the_complete_rows_are_kept()
    {
        var path = Path.Combine(_temp.Path, "run.csv");
        using (var log = ResultsLog.Open(path)) log.Append(Row(1));
        File.AppendAllText(path, "2,global,input=in");
        using (var log = ResultsLog.Open(path))
        {
            Assert.Equal([Row(1)], log.Rows);
            log.Append(Row(2));
        }
        using var again = ResultsLog.Open(path);
        Assert.Equal([Row(1), Row(2)], again.Rows);
    }
}
