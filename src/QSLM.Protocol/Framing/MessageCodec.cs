using System.Text.Json;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Framing;

/// <summary>Encodes one message as compact UTF-8 JSON (no newline inside: JSON escapes it) and back.</summary>
public static class MessageCodec
{
    /// <summary>The message as UTF-8 JSON bytes.</summary>
    public static byte[] Encode(Message message) => JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Default.Message);

    /// <summary>Parses one message; throws <see cref="ProtocolException"/> (<see cref="ErrorCodes.BadRequest"/>)
    /// for anything that is not exactly one known message.</summary>
    public static Message Decode(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, ProtocolJsonContext.Default.Message)
                ?? throw new ProtocolException(ErrorCodes.BadRequest, "a message must be a JSON object, not null");
        }
        catch (JsonException e)
        {
            throw new ProtocolException(ErrorCodes.BadRequest, "not a protocol message: " + e.Message, e);
        }
        catch (NotSupportedException e)
        {
            // Raised for a missing or unknown "type" discriminator.
            throw new ProtocolException(ErrorCodes.BadRequest, "not a protocol message: " + e.Message, e);
        }
    }
}
