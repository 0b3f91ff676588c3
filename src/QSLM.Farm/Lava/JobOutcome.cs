using QSLM.Boards.Failures;

namespace QSLM.Farm.Lava;

/// <summary>
/// A finished LAVA job in QSLM's failure classes. LAVA keeps infrastructure errors apart from test failures as QSLM
/// does: a Complete job carries its results (a failed case is the candidate's, read from the case); an Incomplete
/// job's <c>error_type</c> (LAVA's <c>lava_common.exceptions</c>: Infrastructure, Configuration, Bug, Job, Test,
/// Canceled) says whose fault it was. Only <c>Test</c> (the test shell itself failed or timed out, so the workload
/// did) is the candidate's; everything else is infrastructure, and only an <c>Infrastructure</c> error is worth
/// retrying on another device (a bad definition, a LAVA bug or a cancelled job would fail there too).
/// </summary>
/// <param name="Job">The job.</param>
/// <param name="Class">Whose fault the job's failure is; null when it completed.</param>
/// <param name="Retry">Whether another device may succeed.</param>
/// <param name="ErrorType">LAVA's error type, if it failed.</param>
/// <param name="ErrorMessage">LAVA's error message, if it failed.</param>
public sealed record JobOutcome(LavaJob Job, FailureClass? Class, bool Retry, string? ErrorType, string? ErrorMessage)
{
    /// <summary>Whether the job completed (its results are to be read).</summary>
    public bool Completed => Class is null;

    /// <summary>The outcome of finished <paramref name="job"/> whose test cases are <paramref name="tests"/> (LAVA puts
    /// <c>error_type</c> and <c>error_msg</c> into the metadata of its <c>job</c> case in the <c>lava</c> suite).</summary>
    public static JobOutcome Of(LavaJob job, IReadOnlyList<LavaTestCase> tests)
    {
        var jobCase = tests.LastOrDefault(t => t is { Name: "job", Suite: "lava" });
        var type = jobCase?.Metadata.GetValueOrDefault("error_type");
        var message = jobCase?.Metadata.GetValueOrDefault("error_msg");
        return job.Health switch
        {
            "Complete" => new JobOutcome(job, null, false, null, null),
            "Canceled" => new JobOutcome(job, FailureClass.Infrastructure, false, type ?? "Canceled", message ?? "the job was cancelled"),
            _ => type switch
            {
                "Infrastructure" => new JobOutcome(job, FailureClass.Infrastructure, true, type, message),
                "Test" => new JobOutcome(job, FailureClass.Candidate, false, type, message),
                _ => new JobOutcome(job, FailureClass.Infrastructure, false, type ?? "unknown", message ?? $"the job ended {job.Health} without an error type"),
            },
        };
    }

    /// <summary>The outcome in words: <c>job 12 on qslm-ssh-01: Incomplete, Infrastructure: Connection closed</c>.</summary>
    public string Describe() => FormattableString.Invariant($"job {Job.Id} on {Job.Device ?? "no device"}: {Job.Health}")
        + (Completed ? "" : $", {ErrorType}: {ErrorMessage}");
}
