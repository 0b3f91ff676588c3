using QSLM.Protocol;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Transports;

/// <summary>An agent channel over a reliable byte-stream pair (a child's stdio, an SSH exec channel),
/// one JSON object per line.</summary>
/// <param name="toAgent">The agent's input.</param>
/// <param name="fromAgent">The agent's output.</param>
/// <param name="abort">Kills the agent or drops the connection.</param>
/// <param name="close">Ends the session in order (closes the agent's input, waits for it).</param>
/// <param name="exitDetail">What is known about why the agent went away (exit code, the end of its stderr), or null.</param>
/// <param name="maxMessageBytes">Cap on one message either way.</param>
public sealed class StreamAgentChannel(Stream toAgent, Stream fromAgent, Action abort, Func<ValueTask> close, Func<string?>? exitDetail = null, int maxMessageBytes = ProtocolLimits.DefaultMaxMessageBytes)
    : IAgentChannel
{
    private readonly JsonLineWriter _writer = new(toAgent, maxMessageBytes);
    private readonly JsonLineReader _reader = new(fromAgent, maxMessageBytes);
    private int _closed;

    /// <inheritdoc/>
    public Task SendAsync(Message message, CancellationToken cancellationToken) => _writer.WriteAsync(message, cancellationToken);

    /// <inheritdoc/>
    public async Task<Message> ReceiveAsync(CancellationToken cancellationToken) =>
        await _reader.ReadAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new EndOfStreamException("the agent closed its output (it exited or the connection dropped)" + (exitDetail?.Invoke() is { } detail ? ": " + detail : ""));

    /// <inheritdoc/>
    public void Abort() => abort();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) await close().ConfigureAwait(false);
    }
}
