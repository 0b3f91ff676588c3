using System.Buffers.Binary;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Serial;

/// <summary>
/// A message as a serial frame's payload: u32 length of the JSON, the JSON, then raw bytes. A
/// put-model's data travels raw after its JSON (not base64), so a model costs its own size on the
/// wire plus a small header per chunk.
/// </summary>
public static class BinaryMessageCodec
{
    /// <summary>Encodes <paramref name="message"/>.</summary>
    public static byte[] Encode(Message message)
    {
        var raw = message is PutModel put ? put.Data : [];
        var json = MessageCodec.Encode(message is PutModel p ? p with { Data = [] } : message);
        var payload = new byte[4 + json.Length + raw.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, (uint)json.Length);
        json.CopyTo(payload, 4);
        raw.CopyTo(payload, 4 + json.Length);
        return payload;
    }

    /// <summary>Decodes a payload made by <see cref="Encode"/>.</summary>
    public static Message Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4) throw new ProtocolException(ErrorCodes.BadRequest, "a serial payload needs its JSON length");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        if (length > payload.Length - 4) throw new ProtocolException(ErrorCodes.BadRequest, "a serial payload's JSON length runs past its end");
        var message = MessageCodec.Decode(payload.Slice(4, (int)length));
        var raw = payload[(4 + (int)length)..];
        return message switch
        {
            PutModel put => put with { Data = raw.ToArray() },
            _ when raw.Length > 0 => throw new ProtocolException(ErrorCodes.BadRequest, "only a put-model carries raw bytes"),
            _ => message,
        };
    }
}
