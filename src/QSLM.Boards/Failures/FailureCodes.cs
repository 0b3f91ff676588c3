namespace QSLM.Boards.Failures;

/// <summary>Codes of failures the host detects itself (the agent's own codes are <see cref="QSLM.Protocol.ErrorCodes"/>).</summary>
public static class FailureCodes
{
    /// <summary>The board presented a host key that is not the pinned one.</summary>
    public const string HostKeyRefused = "host-key-refused";

    /// <summary>The board refused our key.</summary>
    public const string AuthenticationRefused = "authentication-refused";

    /// <summary>The connection could not be made or dropped.</summary>
    public const string ConnectionLost = "connection-lost";

    /// <summary>The agent went away (exited, was killed, its channel closed).</summary>
    public const string AgentLost = "agent-lost";

    /// <summary>The agent program could not be started at all.</summary>
    public const string AgentStart = "agent-start";

    /// <summary>A phase ran past its timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>A run ran past its timeout: the candidate's fault, as TVM scores it.</summary>
    public const string RunTimeout = "run-timeout";

    /// <summary>The board's circuit breaker is open: too many infrastructure failures lately.</summary>
    public const string BoardUnhealthy = "board-unhealthy";

    /// <summary>The agent said something the host did not expect.</summary>
    public const string ProtocolViolation = "protocol-violation";

    /// <summary>A board setting read back other than it was asked for: the board is not in the state it is to be measured in.</summary>
    public const string SettingMismatch = "setting-mismatch";

    /// <summary>Anything else.</summary>
    public const string Unexpected = "unexpected";
}
