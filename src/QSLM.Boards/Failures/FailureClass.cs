namespace QSLM.Boards.Failures;

/// <summary>
/// Whose fault a failure is, kept apart the way LAVA (infrastructure vs job errors) and TVM (a failed
/// measurement scored as infinitely slow) keep them apart: a flaky cable must never mark a model bad,
/// and a model that crashes must never mark a board unhealthy.
/// </summary>
public enum FailureClass
{
    /// <summary>The network, the board, the transport or the agent failed; the candidate is not to blame and may be measured again.</summary>
    Infrastructure,

    /// <summary>The candidate itself failed: it crashed the runtime, ran out of memory, ran past its budget or gave wrong output.</summary>
    Candidate,
}
