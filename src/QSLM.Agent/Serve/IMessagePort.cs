using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>Where the serving agent reads requests and writes replies: stdio lines or a framed serial line.</summary>
internal interface IMessagePort
{
    /// <summary>Cancelled once the host's side is gone (input ended), so a run in progress stops
    /// instead of running on, unwatched, on the board.</summary>
    CancellationToken HostGone { get; }

    /// <summary>The next request, or null when the host has gone. A malformed request throws
    /// <see cref="QSLM.Protocol.ProtocolException"/> and the port stays usable.</summary>
    Task<Message?> ReceiveAsync();

    /// <summary>Sends one reply or mark.</summary>
    Task SendAsync(Message message);
}
