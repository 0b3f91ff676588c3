using QSLM.Boards.Failures;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava;

/// <summary>Finished LAVA jobs in QSLM's failure classes, from recorded jobs and from LAVA's other error types.</summary>
public sealed class JobOutcomeTests
{
    private static JobOutcome Recorded(string job, string tests)
    {
        using var lava = new LavaClient(new LavaSettings(new Uri("http://127.0.0.1:8000"), new LavaToken("t"), "test"),
            new RecordedLava().Answer("jobs/1/", RecordedLava.File(job)).Answer("jobs/1/tests/?limit=500", RecordedLava.File(tests)));
        return JobOutcome.Of(lava.JobAsync(1).GetAwaiter().GetResult(), lava.TestsAsync(1).GetAwaiter().GetResult());
    }

    private static JobOutcome Synthetic(string health, string? errorType) => JobOutcome.Of(
        new LavaJob(5, "Finished", health, "qslm-ssh-01", "x"),
        errorType is null ? [] : [new LavaTestCase("job", "lava", "fail", null, "", new Dictionary<string, string> { ["error_type"] = errorType, ["error_msg"] = "why" })]);

    [Fact]
    public void A_complete_job_has_no_failure_class_and_is_read_for_its_results()
    {
        var outcome = Recorded("job-complete.json", "tests-complete.json");

        Assert.True(outcome.Completed);
        Assert.Null(outcome.Class);
        Assert.False(outcome.Retry);
    }

    [Fact]
    public void A_board_whose_sshd_stopped_mid_job_is_an_infrastructure_failure_worth_retrying_elsewhere()
    {
        var outcome = Recorded("job-incomplete-infrastructure.json", "tests-incomplete-infrastructure.json");

        Assert.Equal(FailureClass.Infrastructure, outcome.Class);
        Assert.True(outcome.Retry);
        Assert.Equal(("Infrastructure", "Connection closed"), (outcome.ErrorType, outcome.ErrorMessage));
        Assert.Contains("Incomplete, Infrastructure: Connection closed", outcome.Describe());
    }

    [Fact]
    public void A_job_lava_refused_to_deploy_is_infrastructure_that_another_device_would_repeat()
    {
        // Recorded from a board whose sshd offered no SFTP: scp could not copy LAVA's overlay (error_type Job).
        var outcome = Recorded("job-incomplete-job-error.json", "tests-incomplete-job-error.json");

        Assert.Equal(FailureClass.Infrastructure, outcome.Class);
        Assert.False(outcome.Retry);
        Assert.Equal(("Job", "Unable to copy overlay"), (outcome.ErrorType, outcome.ErrorMessage));
    }

    [Theory]
    [InlineData("Configuration")]
    [InlineData("Bug")]
    public void Lavas_own_errors_are_infrastructure_and_not_retried(string errorType)
    {
        var outcome = Synthetic("Incomplete", errorType);

        Assert.Equal(FailureClass.Infrastructure, outcome.Class);
        Assert.False(outcome.Retry);
    }

    [Fact]
    public void A_failed_test_shell_is_the_candidates_failure()
    {
        var outcome = Synthetic("Incomplete", "Test");

        Assert.Equal(FailureClass.Candidate, outcome.Class);
        Assert.False(outcome.Retry);
    }

    [Fact]
    public void A_cancelled_job_is_infrastructure_and_not_retried()
    {
        var outcome = Synthetic("Canceled", null);

        Assert.Equal((FailureClass.Infrastructure, false, "Canceled"), (outcome.Class!.Value, outcome.Retry, outcome.ErrorType));
    }
}
