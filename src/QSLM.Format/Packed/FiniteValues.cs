using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using QSLM.Format.Formats;

namespace QSLM.Format.Packed;

/// <summary>
/// Finds a stored number that is NaN or infinite: any value of a float format, any fp16 scale or
/// minimum of an integer format (the codes themselves are always finite, and so are signs). A value
/// is non-finite exactly when its exponent bits are all ones, so the test is a mask and a compare,
/// run on whole vectors: the values of a 30 MB fp32 model are checked in a few milliseconds.
/// </summary>
internal static class FiniteValues
{
    /// <summary>Index of the first non-finite value or group parameter of a tensor's bytes, or -1.</summary>
    public static long FirstNonFinite(QuantFormat format, ReadOnlySpan<byte> bytes, long rows, long columns) => format.Scheme switch
    {
        QuantScheme.Float when format.Bits == 32 => FirstMatch(MemoryMarshal.Cast<byte, uint>(bytes), 0x7F80_0000u),
        QuantScheme.Float when format.Name == "bf16" => FirstMatch(MemoryMarshal.Cast<byte, ushort>(bytes), (ushort)0x7F80),
        QuantScheme.Float => FirstMatch(MemoryMarshal.Cast<byte, ushort>(bytes), (ushort)0x7C00),
        QuantScheme.Sign => -1,
        _ => FirstNonFiniteParameter(format, bytes, rows, columns),
    };

    private static long FirstMatch<T>(ReadOnlySpan<T> values, T exponent)
        where T : unmanaged, IBinaryInteger<T>
    {
        // The file is little-endian; a big-endian reader would need to swap first.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed files are read on little-endian processors only");
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mask = new Vector<T>(exponent);
            for (; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count)
            {
                if (Vector.EqualsAny(new Vector<T>(values[i..]) & mask, mask)) break;
            }
        }
        for (; i < values.Length; i++)
        {
            if ((values[i] & exponent) == exponent) return i;
        }
        return -1;
    }

    // Groups are laid out row by row, each its parameters then its packed codes (QuantFormat.RowBytes).
    private static long FirstNonFiniteParameter(QuantFormat format, ReadOnlySpan<byte> bytes, long rows, long columns)
    {
        var group = format.GroupLength(columns);
        var at = 0L;
        var index = 0L;
        for (var r = 0L; r < rows; r++)
        {
            for (var start = 0L; start < columns; start += group, index++)
            {
                var length = Math.Min(group, columns - start);
                for (var p = 0; p < format.GroupOverheadBytes; p += 2)
                {
                    if (!Half.IsFinite(BinaryPrimitives.ReadHalfLittleEndian(bytes[checked((int)(at + p))..]))) return index;
                }
                at += format.GroupOverheadBytes + (length * format.Bits + 7) / 8;
            }
        }
        return -1;
    }
}
