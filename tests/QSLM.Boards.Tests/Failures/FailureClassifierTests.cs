using System.ComponentModel;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using QSLM.Boards.Failures;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using Renci.SshNet.Common;

namespace QSLM.Boards.Tests.Failures;

public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, BoardPhase, FailureClass, string, bool> Cases() => new()
    {
        { Agent(ErrorCodes.OutOfMemory), BoardPhase.Run, FailureClass.Candidate, ErrorCodes.OutOfMemory, false },
        { Agent(ErrorCodes.RunFailed), BoardPhase.Run, FailureClass.Candidate, ErrorCodes.RunFailed, false },
        { Agent(ErrorCodes.ModelInvalid), BoardPhase.Run, FailureClass.Candidate, ErrorCodes.ModelInvalid, false },
        { Agent(ErrorCodes.HashMismatch), BoardPhase.Upload, FailureClass.Infrastructure, ErrorCodes.HashMismatch, true },
        { Agent(ErrorCodes.OffsetMismatch), BoardPhase.Upload, FailureClass.Infrastructure, ErrorCodes.OffsetMismatch, true },
        { Agent(ErrorCodes.AgentFailure), BoardPhase.Upload, FailureClass.Infrastructure, ErrorCodes.AgentFailure, true },
        { Agent(ErrorCodes.VersionMismatch), BoardPhase.StartAgent, FailureClass.Infrastructure, ErrorCodes.VersionMismatch, false },
        { Agent(ErrorCodes.BadRequest), BoardPhase.Run, FailureClass.Infrastructure, ErrorCodes.BadRequest, false },
        { new HostKeyRefusedException("h", 22, "ssh-ed25519 SHA256:a", ["SHA256:b"], "pin"), BoardPhase.Connect, FailureClass.Infrastructure, FailureCodes.HostKeyRefused, false },
        { new SshAuthenticationException("no"), BoardPhase.Connect, FailureClass.Infrastructure, FailureCodes.AuthenticationRefused, false },
        { new SshConnectionException("dropped"), BoardPhase.Upload, FailureClass.Infrastructure, FailureCodes.ConnectionLost, true },
        { new SocketException((int)SocketError.ConnectionRefused), BoardPhase.Connect, FailureClass.Infrastructure, FailureCodes.ConnectionLost, true },
        { new IOException("broken pipe"), BoardPhase.Run, FailureClass.Infrastructure, FailureCodes.ConnectionLost, true },
        { new EndOfStreamException("gone"), BoardPhase.Run, FailureClass.Infrastructure, FailureCodes.AgentLost, true },
        { new TimeoutRejectedException(), BoardPhase.Upload, FailureClass.Infrastructure, FailureCodes.Timeout, true },
        { new TimeoutRejectedException(), BoardPhase.Run, FailureClass.Candidate, FailureCodes.RunTimeout, false },
        { new BrokenCircuitException(), BoardPhase.Run, FailureClass.Infrastructure, FailureCodes.BoardUnhealthy, false },
        { new Win32Exception(2), BoardPhase.StartAgent, FailureClass.Infrastructure, FailureCodes.AgentStart, false },
        { new ProtocolException(ErrorCodes.OutOfSequence, "odd"), BoardPhase.Run, FailureClass.Infrastructure, FailureCodes.ProtocolViolation, false },
        { new InvalidOperationException("bug"), BoardPhase.Run, FailureClass.Infrastructure, FailureCodes.Unexpected, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_models_own_failures_are_candidate_failures(Exception error, BoardPhase phase, FailureClass expected, string code, bool transient)
    {
        var failure = FailureClassifier.Classify(error, phase, "board-1");
        Assert.Equal(expected, failure.Class);
        Assert.Equal(code, failure.Code);
        Assert.Equal(transient, failure.Transient);
        Assert.Equal(phase, failure.Phase);
        Assert.Equal("board-1", failure.Board);
        Assert.Same(error, failure.InnerException);
    }

    [Fact]
    public void A_classified_failure_keeps_its_classification()
    {
        var first = new BoardFailureException("b", BoardPhase.Run, FailureClass.Candidate, "x", false, "m");
        Assert.Same(first, FailureClassifier.Classify(first, BoardPhase.Upload, "other"));
    }

    private static AgentErrorException Agent(string code) => new(new ErrorReply(code, "agent says so"));
}
