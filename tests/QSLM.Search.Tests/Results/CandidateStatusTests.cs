using QSLM.Search.Results;

namespace QSLM.Search.Tests.Results;

public sealed class CandidateStatusTests
{
    public static TheoryData<string> Columns => new()
    {
        "host-only", "host-only, sensitivity slice", "measured",
        "failed:candidate: run-failed: the runtime crashed", "failed:infrastructure: ssh: connection reset: by peer",
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Every_status_column_text_reads_to_a_status_that_writes_it_back_unchanged(string column)
    {
        Assert.Equal(column, CandidateStatus.TryParse(column)!.ToString());
    }

    [Fact]
    public void A_failure_keeps_whose_fault_it_was_and_its_whole_reason()
    {
        var candidate = CandidateStatus.TryParse("failed:candidate: out of memory: peak resident 5 bytes over the board's 4")!;
        Assert.Equal(CandidateOutcome.Failed, candidate.Outcome);
        Assert.True(candidate.IsCandidateFailure);
        Assert.Equal("out of memory: peak resident 5 bytes over the board's 4", candidate.Reason);
        Assert.Equal(CandidateStatus.InfrastructureFailed("link down"), CandidateStatus.TryParse("failed:infrastructure: link down"));
        Assert.Equal(CandidateStatus.HostOnlySensitivity, CandidateStatus.TryParse("host-only, sensitivity slice"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("host-only-ish")]
    [InlineData("failed:candidate")]
    public void A_text_that_is_no_status_reads_as_none(string column)
    {
        Assert.Null(CandidateStatus.TryParse(column));
    }
}
