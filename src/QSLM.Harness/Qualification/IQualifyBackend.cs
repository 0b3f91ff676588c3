using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Runs a qualification's boards somewhere other than the host's own sessions: a farm engine (LAVA) that runs the
/// agent on its devices and hands back what the agent answered. It decides each check with the direct mode's verdicts
/// (<see cref="RecordedBoardChecks"/>) and tells the qualification's sink as it goes.
/// </summary>
public interface IQualifyBackend
{
    /// <summary>Runs every model of <paramref name="request"/> on the backend's boards; never throws for a board's own
    /// failures (those are errors or failed checks).</summary>
    /// <param name="request">The validated qualification (its bench and board names are not used).</param>
    /// <param name="host">The host's answer per model label.</param>
    /// <param name="sink">Hears every board, figure and check.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task RunAsync(QualifyRequest request, IReadOnlyDictionary<string, HostAnswer> host, IQualifySink sink, CancellationToken cancellationToken);
}
