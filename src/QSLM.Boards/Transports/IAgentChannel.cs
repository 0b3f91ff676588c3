using QSLM.Protocol.Messages;

namespace QSLM.Boards.Transports;

/// <summary>A duplex, ordered message channel to one running agent.</summary>
public interface IAgentChannel : IAsyncDisposable
{
    /// <summary>Sends one message.</summary>
    Task SendAsync(Message message, CancellationToken cancellationToken);

    /// <summary>The next message; throws <see cref="EndOfStreamException"/> when the agent has gone.</summary>
    Task<Message> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Tears the channel down at once (kills the agent or drops the connection), so that a
    /// blocked read or write fails; used when a phase times out.</summary>
    void Abort();
}
