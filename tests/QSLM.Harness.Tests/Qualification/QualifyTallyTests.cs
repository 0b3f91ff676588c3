using QSLM.Harness.Qualification;
using QSLM.Reports.Document;

namespace QSLM.Harness.Tests.Qualification;

/// <summary>A qualification's outcome: a failed check outranks an infrastructure error, which outranks a pass; not-run
/// checks decide nothing.</summary>
public sealed class QualifyTallyTests
{
    private static CheckResult Check(CheckStatus status) => new("b", "m", "c", status, null, null, null, "");

    [Fact]
    public void A_failed_check_exits_1_even_beside_an_infrastructure_error()
    {
        var tally = QualifyTally.Of([Check(CheckStatus.Passed), Check(CheckStatus.Failed), Check(CheckStatus.Error), Check(CheckStatus.NotRun), Check(CheckStatus.NotRun)]);
        Assert.Equal((1, CheckStatus.Failed), (tally.ExitCode, tally.Status));
        Assert.Equal("1 passed, 1 failed, 2 not run, 1 errors", tally.Outcome);
    }

    [Fact]
    public void An_infrastructure_error_without_a_failed_check_exits_3()
    {
        var tally = QualifyTally.Of([Check(CheckStatus.Passed), Check(CheckStatus.Error)]);
        Assert.Equal((3, CheckStatus.Error), (tally.ExitCode, tally.Status));
    }

    [Fact]
    public void Passed_and_not_run_checks_exit_0_and_nothing_decided_reads_not_run()
    {
        Assert.Equal((0, CheckStatus.Passed), (QualifyTally.Of([Check(CheckStatus.Passed), Check(CheckStatus.NotRun)]) is var t ? (t.ExitCode, t.Status) : default));
        Assert.Equal(CheckStatus.NotRun, QualifyTally.Of([Check(CheckStatus.NotRun)]).Status);
    }

    [Fact]
    public void An_infrastructure_incident_recovered_from_is_stated_in_the_outcome_and_decides_no_check()
    {
        var tally = QualifyTally.Of([Check(CheckStatus.Passed), Check(CheckStatus.NotRun)]) with { Incidents = 1 };

        Assert.Equal((0, CheckStatus.Passed), (tally.ExitCode, tally.Status));
        Assert.Equal("1 passed, 0 failed, 1 not run, 0 errors, 1 infrastructure incident recovered", tally.Outcome);
        Assert.EndsWith("2 infrastructure incidents recovered", (tally with { Incidents = 2 }).Outcome, StringComparison.Ordinal);
    }
}
