using QSLM.Search.Results;

namespace QSLM.Search.Tests.Results;

public sealed class CompletedWorkTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-completed-");

    public void Dispose() => _temp.Dispose();

    private static CandidateRow Row(int id, string tier, string precisions, CandidateStatus status, double? boardValue = null) => new()
    {
        Candidate = id, Tier = tier, Precisions = precisions, Bytes = 1000 - id, MemoryReduction = 0.5,
        Metric = "accuracy", HostValue = 0.7 + id / 100.0, BoardValue = boardValue, Objective = 0.1, Feasible = true, Status = status.ToString(),
    };

    // A killed board search's log, written and read back as a resume reads it.
    private CompletedWork Logged(params CandidateRow[] rows)
    {
        var path = Path.Combine(_temp.Path, "search.csv");
        using (var log = ResultsLog.Open(path))
        {
            foreach (var row in rows) log.Append(row);
        }
        using var reopened = ResultsLog.Open(path);
        return CompletedWork.From(reopened.Rows);
    }

    [Fact]
    public void Host_rows_are_completed_by_precisions_on_their_own_slice()
    {
        var completed = Logged(
            Row(1, "baseline", "fp32", CandidateStatus.HostOnly),
            Row(2, "sensitivity", "fp32", CandidateStatus.HostOnlySensitivity),
            Row(3, "global", "int8", CandidateStatus.HostOnly),
            Row(1, "baseline", "fp32", CandidateStatus.Measured, boardValue: 0.69));

        Assert.Equal(4, completed.RowCount);
        Assert.Equal(3, completed.HostEvaluations);
        Assert.True(completed.TryGetHost("fp32", sensitivity: false, out var baseline));
        Assert.Equal(1, baseline.Candidate);
        Assert.Equal("host-only", baseline.Status);
        Assert.True(completed.TryGetHost("fp32", sensitivity: true, out var sensitivity));
        Assert.Equal(2, sensitivity.Candidate);
        Assert.True(completed.TryGetHost("int8", sensitivity: false, out var global));
        Assert.Equal(0.73, global.HostValue);
        Assert.False(completed.TryGetHost("int8", sensitivity: true, out _));
        Assert.False(completed.TryGetHost("int4", sensitivity: false, out _));
    }

    [Fact]
    public void Measured_and_candidate_failures_replay_but_an_infrastructure_failure_is_measured_again()
    {
        var completed = Logged(
            Row(1, "baseline", "fp32", CandidateStatus.HostOnly),
            Row(2, "global", "int8", CandidateStatus.HostOnly),
            Row(3, "global", "int4", CandidateStatus.HostOnly),
            Row(1, "baseline", "fp32", CandidateStatus.InfrastructureFailed("link down")),
            Row(1, "baseline", "fp32", CandidateStatus.Measured, boardValue: 0.69),
            Row(2, "global", "int8", CandidateStatus.CandidateFailed("out of memory")),
            Row(3, "global", "int4", CandidateStatus.InfrastructureFailed("agent lost")));

        Assert.Equal(2, completed.BoardMeasurements);
        Assert.True(completed.TryGetMeasurement(1, out var measured, out var measuredStatus));
        Assert.Equal(CandidateStatus.Measured, measuredStatus);
        Assert.Equal(0.69, measured.BoardValue);
        Assert.True(completed.TryGetMeasurement(2, out var failed, out var failedStatus));
        Assert.True(failedStatus.IsCandidateFailure);
        Assert.Equal("out of memory", failedStatus.Reason);
        Assert.Equal("failed:candidate: out of memory", failed.Status);
        Assert.False(completed.TryGetMeasurement(3, out _, out _));
        Assert.Equal(3, completed.HostEvaluations);
    }

    [Fact]
    public void Nothing_is_completed_in_a_new_search()
    {
        Assert.Equal(0, CompletedWork.None.RowCount);
        Assert.False(CompletedWork.None.TryGetHost("fp32", sensitivity: false, out _));
        Assert.False(CompletedWork.None.TryGetMeasurement(1, out _, out _));
        Assert.Equal(0, Logged().BoardMeasurements);
    }
}
