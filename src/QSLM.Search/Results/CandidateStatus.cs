namespace QSLM.Search.Results;

/// <summary>How far a candidate got.</summary>
public enum CandidateOutcome
{
    /// <summary>Evaluated on the host only.</summary>
    HostOnly,

    /// <summary>Ran on the board and checked out.</summary>
    Measured,

    /// <summary>Failed on the board.</summary>
    Failed,
}

/// <summary>Whose fault a failure on the board was.</summary>
public enum CandidateFailureClass
{
    /// <summary>The candidate's own: it would not load, crashed, ran out of memory, or gave a wrong answer.</summary>
    Candidate,

    /// <summary>The board's, link's or agent's: the candidate is not to blame, and is measured again on resume.</summary>
    Infrastructure,
}

/// <summary>
/// A candidate's status in the search's log: evaluated on the host only (on the candidates' data or
/// the sensitivity slice), measured on the board, or failed there, with whose fault and why. Its text
/// is the CSV's <c>status</c> column (<c>host-only</c>, <c>host-only, sensitivity slice</c>,
/// <c>measured</c>, <c>failed:candidate: REASON</c>, <c>failed:infrastructure: REASON</c>), read once
/// where a row is read (<see cref="TryParse"/>).
/// </summary>
/// <param name="Outcome">How far the candidate got.</param>
/// <param name="FailureClass">Whose fault a failure was (with <see cref="CandidateOutcome.Failed"/>).</param>
/// <param name="Reason">Why it failed (with <see cref="CandidateOutcome.Failed"/>).</param>
/// <param name="SensitivitySlice">A host-only evaluation on the sensitivity slice.</param>
public sealed record CandidateStatus(CandidateOutcome Outcome, CandidateFailureClass? FailureClass = null, string? Reason = null, bool SensitivitySlice = false)
{
    private const string HostOnlyText = "host-only";
    private const string SensitivityText = "host-only, sensitivity slice";
    private const string MeasuredText = "measured";
    private const string CandidateFailureText = "failed:candidate: ";
    private const string InfrastructureFailureText = "failed:infrastructure: ";

    /// <summary>Evaluated on the candidates' data, on the host only.</summary>
    public static CandidateStatus HostOnly { get; } = new(CandidateOutcome.HostOnly);

    /// <summary>A sensitivity measurement, on its own slice, on the host only.</summary>
    public static CandidateStatus HostOnlySensitivity { get; } = new(CandidateOutcome.HostOnly, SensitivitySlice: true);

    /// <summary>Ran on the board and checked out.</summary>
    public static CandidateStatus Measured { get; } = new(CandidateOutcome.Measured);

    /// <summary>Failed on the board by its own fault.</summary>
    public static CandidateStatus CandidateFailed(string reason) => new(CandidateOutcome.Failed, CandidateFailureClass.Candidate, reason);

    /// <summary>Stopped by the board, link or agent.</summary>
    public static CandidateStatus InfrastructureFailed(string reason) => new(CandidateOutcome.Failed, CandidateFailureClass.Infrastructure, reason);

    /// <summary>Whether the candidate failed on the board by its own fault.</summary>
    public bool IsCandidateFailure => FailureClass == CandidateFailureClass.Candidate;

    /// <summary>Whether the board, link or agent stopped the candidate's measurement.</summary>
    public bool IsInfrastructureFailure => FailureClass == CandidateFailureClass.Infrastructure;

    /// <summary>The status column's text.</summary>
    public override string ToString() => Outcome switch
    {
        CandidateOutcome.HostOnly => SensitivitySlice ? SensitivityText : HostOnlyText,
        CandidateOutcome.Measured => MeasuredText,
        _ => (IsCandidateFailure ? CandidateFailureText : InfrastructureFailureText) + Reason,
    };

    /// <summary>The status a status column's text says, or null for a text that is none.</summary>
    public static CandidateStatus? TryParse(string text) => text switch
    {
        HostOnlyText => HostOnly,
        SensitivityText => HostOnlySensitivity,
        MeasuredText => Measured,
        _ when text.StartsWith(CandidateFailureText, StringComparison.Ordinal) => CandidateFailed(text[CandidateFailureText.Length..]),
        _ when text.StartsWith(InfrastructureFailureText, StringComparison.Ordinal) => InfrastructureFailed(text[InfrastructureFailureText.Length..]),
        _ => null,
    };
}
