using System.Threading.Channels;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Serial;

/// <summary>
/// Reliable, ordered messages over a serial line that may drop or damage bytes: each message is one
/// data frame (<see cref="SerialFrame"/>) sent stop-and-wait: the sender retransmits it until the
/// peer acknowledges its sequence number, and the receiver acknowledges every good copy but
/// delivers a repeated sequence number only once. Both ends run the same code; each sends and
/// receives at once.
/// </summary>
public sealed class SerialLink : IAsyncDisposable
{
    private readonly Stream _line;
    private readonly SerialLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly SerialFrameParser _parser;
    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private TaskCompletionSource<uint>? _pendingAck;
    private uint _nextSequence;
    private uint? _lastDelivered;

    /// <summary>Starts reading frames from <paramref name="line"/>.</summary>
    public SerialLink(Stream line, SerialLinkOptions? options = null, TimeProvider? time = null)
    {
        _line = line;
        _options = options ?? new SerialLinkOptions();
        _time = time ?? TimeProvider.System;
        _parser = new SerialFrameParser(_options.MaxPayloadBytes);
        _nextSequence = (uint)Random.Shared.Next(); // a restarted peer never looks like a duplicate of the old one
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Message payload bytes sent (first transmissions only).</summary>
    public long PayloadBytesSent { get; private set; }

    /// <summary>Every byte written to the line: frames, retransmissions and acks.</summary>
    public long WireBytesSent { get; private set; }

    /// <summary>Data frames sent again after no ack came.</summary>
    public long Retransmissions { get; private set; }

    /// <summary>Damaged frames the receiver dropped.</summary>
    public long RejectedFrames => _parser.Rejected;

    /// <summary>Sends one message and returns once the peer has acknowledged it.</summary>
    public async Task SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        var payload = BinaryMessageCodec.Encode(message);
        if (payload.Length > _options.MaxPayloadBytes)
            throw new ProtocolException(ErrorCodes.TooLarge, FormattableString.Invariant($"a {payload.Length}-byte message exceeds the {_options.MaxPayloadBytes}-byte cap"));
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = _nextSequence++;
            var wire = new SerialFrame(SerialFrameKind.Data, sequence, payload).Encode();
            var patience = _options.AckTimeout + TimeSpan.FromSeconds(2.0 * wire.Length / _options.BytesPerSecond);
            for (var attempt = 1; ; attempt++)
            {
                var ack = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _pendingAck, ack);
                await WriteAsync(wire, cancellationToken).ConfigureAwait(false);
                if (attempt == 1) PayloadBytesSent += payload.Length;
                else Retransmissions++;
                using var timer = new CancellationTokenSource(patience, _time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token, timer.Token);
                try
                {
                    while (await ack.Task.WaitAsync(wait.Token).ConfigureAwait(false) != sequence)
                    {
                        ack = new TaskCompletionSource<uint>(TaskCreationOptions.RunContinuationsAsynchronously);
                        Volatile.Write(ref _pendingAck, ack);
                    }
                    return;
                }
                catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested)
                {
                    if (attempt >= _options.MaxAttempts)
                        throw new IOException(FormattableString.Invariant($"the serial peer did not acknowledge frame {sequence} after {attempt} transmissions"));
                }
                if (_reader.IsCompleted) throw new EndOfStreamException("the serial line closed");
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next message from the peer; throws <see cref="EndOfStreamException"/> once the line has closed.</summary>
    public async Task<Message> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw e.InnerException as IOException ?? new EndOfStreamException("the serial line closed", e.InnerException);
        }
    }

    /// <summary>Stops reading; the line itself belongs to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var read = await _line.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0) break;
                foreach (var frame in _parser.Feed(buffer.AsSpan(0, read)))
                {
                    if (frame.Kind == SerialFrameKind.Ack)
                    {
                        Volatile.Read(ref _pendingAck)?.TrySetResult(frame.Sequence);
                        continue;
                    }
                    // Acknowledge every good copy: the previous ack may be the thing that was lost.
                    await WriteAsync(new SerialFrame(SerialFrameKind.Ack, frame.Sequence, []).Encode(), _stop.Token).ConfigureAwait(false);
                    if (frame.Sequence == _lastDelivered) continue;
                    _lastDelivered = frame.Sequence;
                    Message message;
                    try
                    {
                        message = BinaryMessageCodec.Decode(frame.Payload);
                    }
                    catch (ProtocolException e)
                    {
                        message = new ErrorReply(e.Code, "the serial peer sent an undecodable message: " + e.Message);
                    }
                    await _inbox.Writer.WriteAsync(message, _stop.Token).ConfigureAwait(false);
                }
            }
            _inbox.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _inbox.Writer.TryComplete();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _inbox.Writer.TryComplete(new IOException("the serial line failed: " + e.Message, e));
        }
    }

    private async Task WriteAsync(byte[] wire, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _line.WriteAsync(wire, cancellationToken).ConfigureAwait(false);
            await _line.FlushAsync(cancellationToken).ConfigureAwait(false);
            WireBytesSent += wire.Length;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
