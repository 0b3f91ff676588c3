using System.Buffers.Binary;
using System.IO.Hashing;

namespace QSLM.Protocol.Serial;

/// <summary>
/// Finds frames in a byte stream that may lose, damage or insert bytes. It looks for the sync bytes,
/// checks the header's CRC and that the length is within the cap, waits for the payload and checks
/// the frame's CRC, and on any failure moves one byte
/// past the sync it tried and looks again, so one damaged frame costs only itself.
/// </summary>
public sealed class SerialFrameParser(int maxPayloadBytes)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _count;

    /// <summary>Frames rejected so far (bad CRC, impossible length or kind).</summary>
    public long Rejected { get; private set; }

    /// <summary>Adds received bytes and returns every whole, valid frame they complete.</summary>
    public IReadOnlyList<SerialFrame> Feed(ReadOnlySpan<byte> bytes)
    {
        if (_count + bytes.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
        var frames = new List<SerialFrame>();
        var start = 0;
        while (true)
        {
            var at = _buffer.AsSpan(start, _count - start).IndexOf(SerialFrame.Sync);
            if (at < 0)
            {
                // Keep a trailing first sync byte: its partner may be in the next read.
                start = _count > start && _buffer[_count - 1] == SerialFrame.Sync[0] ? _count - 1 : _count;
                break;
            }
            start += at;
            if (_count - start < SerialFrame.HeaderBytes) break;
            var kind = _buffer[start + 2];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + 7));
            var headerGood = Crc32.HashToUInt32(_buffer.AsSpan(start + 2, 9)) == BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + 11));
            if (!headerGood || kind is not ((byte)SerialFrameKind.Data or (byte)SerialFrameKind.Ack) || length > (uint)maxPayloadBytes)
            {
                Rejected++;
                start++;
                continue;
            }
            var total = SerialFrame.OverheadBytes + (int)length;
            if (_count - start < total) break;
            var covered = _buffer.AsSpan(start + 2, SerialFrame.HeaderBytes - 2 + (int)length);
            if (Crc32.HashToUInt32(covered) != BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + SerialFrame.HeaderBytes + (int)length)))
            {
                Rejected++;
                start++;
                continue;
            }
            frames.Add(new SerialFrame((SerialFrameKind)kind, BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + 3)), _buffer.AsSpan(start + SerialFrame.HeaderBytes, (int)length).ToArray()));
            start += total;
        }
        _buffer.AsSpan(start, _count - start).CopyTo(_buffer);
        _count -= start;
        return frames;
    }
}
