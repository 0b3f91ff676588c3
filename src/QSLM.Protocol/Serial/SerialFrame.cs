using System.Buffers.Binary;
using System.IO.Hashing;

namespace QSLM.Protocol.Serial;

/// <summary>Kinds of serial frame.</summary>
public enum SerialFrameKind : byte
{
    /// <summary>Carries one message (see <see cref="BinaryMessageCodec"/>); acknowledged.</summary>
    Data = 1,

    /// <summary>Acknowledges the data frame with the same sequence number; never acknowledged itself.</summary>
    Ack = 2,
}

/// <summary>
/// One frame on a serial line: <c>A5 5A</c> sync bytes, kind (1 byte), sequence number (u32),
/// payload length (u32), the CRC-32 (IEEE 802.3, as zlib) of kind, sequence and length, the
/// payload, then the CRC-32 of everything from the kind through the payload; integers
/// little-endian; 19 bytes of overhead per frame. The sync bytes let a receiver find the next frame
/// after bytes were lost; the header's own CRC means a damaged length is caught at once instead of
/// making the receiver wait for bytes that will never come; the final CRC rejects damaged payloads.
/// </summary>
/// <param name="Kind">Data or ack.</param>
/// <param name="Sequence">Sender's sequence number.</param>
/// <param name="Payload">The frame's bytes (empty for an ack).</param>
public sealed record SerialFrame(SerialFrameKind Kind, uint Sequence, byte[] Payload)
{
    /// <summary>The two sync bytes that start every frame.</summary>
    public static ReadOnlySpan<byte> Sync => [0xA5, 0x5A];

    /// <summary>Sync, kind, sequence, length and the header's CRC.</summary>
    public const int HeaderBytes = 15;

    /// <summary>Bytes a frame adds to its payload.</summary>
    public const int OverheadBytes = HeaderBytes + 4;

    /// <summary>The frame as it goes on the wire.</summary>
    public byte[] Encode()
    {
        var wire = new byte[OverheadBytes + Payload.Length];
        Sync.CopyTo(wire);
        wire[2] = (byte)Kind;
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(3), Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(7), (uint)Payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(11), Crc32.HashToUInt32(wire.AsSpan(2, 9)));
        Payload.CopyTo(wire.AsSpan(HeaderBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(HeaderBytes + Payload.Length), Crc32.HashToUInt32(wire.AsSpan(2, HeaderBytes - 2 + Payload.Length)));
        return wire;
    }
}
