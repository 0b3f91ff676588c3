using Microsoft.Extensions.Time.Testing;
using QSLM.Boards.Transports;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>
/// Wraps a transport so that the fake clock jumps ahead right after the host acknowledges a start
/// mark: at that moment the agent is inside its timed loop, so a run that never ends is hung for
/// real when its timeout fires (and not, say, waiting for the ack).
/// </summary>
internal sealed class ClockAfterStartAck(IBoardTransport inner, FakeTimeProvider time, TimeSpan jump) : IBoardTransport
{
    public string Description => inner.Description;

    public IModelUploader? Uploader => inner.Uploader;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public async Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken) =>
        new Channel(await inner.StartAgentAsync(cancellationToken), time, jump);

    public Task DisconnectAsync() => inner.DisconnectAsync();

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Channel(IAgentChannel inner, FakeTimeProvider time, TimeSpan jump) : IAgentChannel
    {
        public async Task SendAsync(Message message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, cancellationToken);
            if (message is MarkAck { Phase: MarkPhase.Start }) time.Advance(jump);
        }

        public Task<Message> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

        public void Abort() => inner.Abort();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
