using QSLM.Protocol.Messages;

namespace QSLM.Boards.Failures;

/// <summary>The agent answered a request with an <see cref="ErrorReply"/>.</summary>
public sealed class AgentErrorException(ErrorReply reply) : Exception($"the agent refused: {reply.Code}: {reply.Message}")
{
    /// <summary>The agent's reply.</summary>
    public ErrorReply Reply { get; } = reply;
}
