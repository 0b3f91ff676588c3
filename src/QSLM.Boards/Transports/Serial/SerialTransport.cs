using System.IO.Ports;
using QSLM.Protocol.Messages;
using QSLM.Protocol.Serial;

namespace QSLM.Boards.Transports.Serial;

/// <summary>
/// A board reached over a serial line with System.IO.Ports. The agent already runs on the board
/// (<c>qslm-agent serve --serial /dev/ttyS0</c>, started by the board's init), so starting it means
/// opening the line and framing it: every message travels in acknowledged, CRC-checked frames
/// (<see cref="SerialLink"/>) and model chunks travel as raw bytes.
/// </summary>
/// <param name="device">The host's serial device (<c>/dev/ttyUSB0</c>, a pty).</param>
/// <param name="baud">Line speed.</param>
/// <param name="options">Link settings; by default derived from <paramref name="baud"/>.</param>
/// <param name="wrapLine">Wraps the port's stream (fault injection in tests); null for none.</param>
public sealed class SerialTransport(string device, int baud = 115_200, SerialLinkOptions? options = null, Func<Stream, Stream>? wrapLine = null) : IBoardTransport
{
    private SerialPort? _port;
    private SerialLink? _link;

    /// <inheritdoc/>
    public string Description => FormattableString.Invariant($"serial {device} at {baud} baud");

    /// <inheritdoc/>
    public IModelUploader? Uploader => null;

    /// <summary>The link of the current session, for its byte counts; null when closed.</summary>
    public SerialLink? Link => _link;

    /// <inheritdoc/>
    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        // DTR/RTS stay untouched: setting them fails on a pty ("Inappropriate ioctl").
        var port = new SerialPort(device, baud) { ReadTimeout = SerialPort.InfiniteTimeout, WriteTimeout = SerialPort.InfiniteTimeout };
        port.Open();
        _port = port;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken)
    {
        var port = _port ?? throw new InvalidOperationException("not connected");
        var line = wrapLine is null ? port.BaseStream : wrapLine(port.BaseStream);
        var link = new SerialLink(line, options ?? new SerialLinkOptions { BytesPerSecond = Math.Max(baud / 10, 1) });
        _link = link;
        IAgentChannel channel = new LinkChannel(link, Close);
        return Task.FromResult(channel);
    }

    /// <inheritdoc/>
    public Task DisconnectAsync()
    {
        Close();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        var port = _port;
        _port = null;
        try
        {
            port?.Close();
        }
        catch (IOException)
        {
            // The device vanished (a USB adapter unplugged): nothing left to close.
        }
        port?.Dispose();
    }

    private sealed class LinkChannel(SerialLink link, Action close) : IAgentChannel
    {
        public Task SendAsync(Message message, CancellationToken cancellationToken) => link.SendAsync(message, cancellationToken);

        public Task<Message> ReceiveAsync(CancellationToken cancellationToken) => link.ReceiveAsync(cancellationToken);

        public void Abort() => close();

        public ValueTask DisposeAsync()
        {
            // Closing the port first ends the link's pending read, which a serial stream may not cancel.
            close();
            return link.DisposeAsync();
        }
    }
}
