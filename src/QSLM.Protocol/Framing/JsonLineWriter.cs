using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Framing;

/// <summary>
/// Writes one JSON object per line (JSON Lines) to a reliable byte stream such as a child process's
/// stdin or an SSH exec channel, flushing after each so the peer sees it at once. Refuses to send a
/// message the peer's cap would refuse anyway.
/// </summary>
public sealed class JsonLineWriter(Stream output, int maxMessageBytes = ProtocolLimits.DefaultMaxMessageBytes)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Bytes written so far, newlines included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Encodes, checks the cap, writes the line and flushes.</summary>
    public async Task WriteAsync(Message message, CancellationToken cancellationToken = default)
    {
        var bytes = MessageCodec.Encode(message);
        if (bytes.Length > maxMessageBytes)
            throw new ProtocolException(ErrorCodes.TooLarge, FormattableString.Invariant($"a {bytes.Length}-byte message exceeds the {maxMessageBytes}-byte cap"));
        // Marks and replies may be written from more than one task; lines must never interleave.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            BytesWritten += bytes.Length + 1;
        }
        finally
        {
            _gate.Release();
        }
    }
}
