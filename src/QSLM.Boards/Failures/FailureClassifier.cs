using System.ComponentModel;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;
using Renci.SshNet.Common;

namespace QSLM.Boards.Failures;

/// <summary>
/// Turns any exception from work on a board into a <see cref="BoardFailureException"/>. The rule:
/// only what the agent reports about the model itself (it would not load, it crashed the runtime, it
/// ran out of memory) and a run past its budget are candidate failures; everything about reaching
/// the board, starting the agent or moving bytes is infrastructure.
/// </summary>
public static class FailureClassifier
{
    /// <summary>Classifies <paramref name="error"/>, thrown in <paramref name="phase"/> on <paramref name="board"/>.</summary>
    public static BoardFailureException Classify(Exception error, BoardPhase phase, string board)
    {
        BoardFailureException Infra(string code, bool transient) => new(board, phase, FailureClass.Infrastructure, code, transient, error.Message, error);
        BoardFailureException Cand(string code) => new(board, phase, FailureClass.Candidate, code, false, error.Message, error);
        return error switch
        {
            BoardFailureException classified => classified,
            AgentErrorException agent => agent.Reply.Code switch
            {
                ErrorCodes.ModelInvalid or ErrorCodes.OutOfMemory or ErrorCodes.RunFailed => Cand(agent.Reply.Code),
                // Bytes that hash wrong were damaged in transit or on the board's storage; sending them again fixes it.
                ErrorCodes.HashMismatch or ErrorCodes.OffsetMismatch or ErrorCodes.ModelMissing or ErrorCodes.AgentFailure => Infra(agent.Reply.Code, transient: true),
                _ => Infra(agent.Reply.Code, transient: false),
            },
            HostKeyRefusedException => Infra(FailureCodes.HostKeyRefused, transient: false),
            SshAuthenticationException => Infra(FailureCodes.AuthenticationRefused, transient: false),
            TimeoutRejectedException when phase == BoardPhase.Run => Cand(FailureCodes.RunTimeout),
            TimeoutRejectedException => Infra(FailureCodes.Timeout, transient: true),
            BrokenCircuitException => Infra(FailureCodes.BoardUnhealthy, transient: false),
            EndOfStreamException or ObjectDisposedException => Infra(FailureCodes.AgentLost, transient: true),
            // SocketException is a Win32Exception too, so it must be matched first.
            SshConnectionException or SshOperationTimeoutException or SocketException or IOException or SshException => Infra(FailureCodes.ConnectionLost, transient: true),
            Win32Exception => Infra(FailureCodes.AgentStart, transient: false),
            ProtocolException => Infra(FailureCodes.ProtocolViolation, transient: false),
            _ => Infra(FailureCodes.Unexpected, transient: false),
        };
    }
}
