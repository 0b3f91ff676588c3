namespace QSLM.Boards.Transports;

/// <summary>
/// How the host reaches one board's agent (labgrid's split: where a board is lives in its address,
/// how it is driven lives here). A transport connects, starts the agent and hands back a message
/// channel; it may also offer a faster side channel for model bytes.
/// </summary>
public interface IBoardTransport : IAsyncDisposable
{
    /// <summary>What this transport reaches, for logs: never a key, a passphrase or a password.</summary>
    string Description { get; }

    /// <summary>Makes the board reachable (an SSH connection, a checked working folder).</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Deploys the agent if needed and starts it; the channel is ready for a hello.</summary>
    Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken);

    /// <summary>A side channel that writes model bytes straight into the agent's store, or null to
    /// send them through the protocol in chunks.</summary>
    IModelUploader? Uploader { get; }

    /// <summary>Drops the agent and the connection after a failure; the next call reconnects.</summary>
    Task DisconnectAsync();
}
