using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;

namespace QSLM.Agent.Serve;

/// <summary>Framed, acknowledged messages over the board's serial line (<see cref="SerialLink"/>).</summary>
internal sealed class SerialLinkPort(SerialLink link) : IMessagePort
{
    // The serial agent outlives host sessions; a run ends on its own or when the board is reset.
    public CancellationToken HostGone => CancellationToken.None;

    public async Task<Message?> ReceiveAsync()
    {
        try
        {
            return await link.ReceiveAsync().ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    public Task SendAsync(Message message) => link.SendAsync(message);
}
