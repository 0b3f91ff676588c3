namespace QSLM.Boards.Failures;

/// <summary>A classified failure of work on a board: which board, in which phase, whose fault, and
/// whether trying again can help.</summary>
public sealed class BoardFailureException(string board, BoardPhase phase, FailureClass failureClass, string code, bool transient, string message, Exception? inner = null)
    : Exception($"{board}: {phase}: {failureClass.ToString().ToLowerInvariant()} failure ({code}): {message}", inner)
{
    /// <summary>The board's name.</summary>
    public string Board { get; } = board;

    /// <summary>The phase that failed.</summary>
    public BoardPhase Phase { get; } = phase;

    /// <summary>Infrastructure or candidate.</summary>
    public FailureClass Class { get; } = failureClass;

    /// <summary>A stable code: an agent's <see cref="QSLM.Protocol.ErrorCodes"/> value or one of <see cref="FailureCodes"/>.</summary>
    public string Code { get; } = code;

    /// <summary>Whether a retry may succeed (a dropped connection) or cannot (a refused host key).</summary>
    public bool Transient { get; } = transient;
}
