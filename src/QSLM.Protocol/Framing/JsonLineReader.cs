using System.Buffers;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Framing;

/// <summary>
/// Reads one JSON object per line from a byte stream, never buffering more than the cap: a longer
/// line is refused with <see cref="ErrorCodes.TooLarge"/> and skipped up to its newline, so the
/// reader stays in step and the next message is read normally.
/// </summary>
public sealed class JsonLineReader(Stream input, int maxMessageBytes = ProtocolLimits.DefaultMaxMessageBytes)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly ArrayBufferWriter<byte> _line = new();
    private int _start;
    private int _end;
    private bool _skipping;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// The next message, or null when the stream ends cleanly between lines. A stream that ends inside
    /// a line throws <see cref="EndOfStreamException"/>; an over-long or malformed line throws
    /// <see cref="ProtocolException"/>.
    /// </summary>
    public async Task<Message?> ReadAsync(CancellationToken cancellationToken = default)
    {
        _line.Clear();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                BytesRead += _end;
                if (_end == 0)
                {
                    if (_line.WrittenCount == 0 && !_skipping) return null;
                    throw new EndOfStreamException("the peer closed the channel in the middle of a message");
                }
            }
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var part = newline < 0 ? available : available[..newline];
            _start += newline < 0 ? available.Length : newline + 1;
            if (!_skipping)
            {
                if (_line.WrittenCount + part.Length > maxMessageBytes)
                {
                    _skipping = newline < 0;
                    _line.Clear();
                    throw new ProtocolException(ErrorCodes.TooLarge, FormattableString.Invariant($"a message longer than the {maxMessageBytes}-byte cap was refused"));
                }
                _line.Write(part);
            }
            if (newline < 0) continue;
            if (_skipping)
            {
                _skipping = false;
                continue;
            }
            if (_line.WrittenCount == 0) continue; // blank lines carry nothing
            return MessageCodec.Decode(_line.WrittenSpan);
        }
    }
}
