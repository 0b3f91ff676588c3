using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>
/// The bytes of one group of a grouped integer format, the one definition the codec writes and reads and
/// the runtime's fused kernel reads in place: a header of the scale (fp16, little-endian) and, for an
/// asymmetric format, the minimum (fp16) right after it; then the group's codes bit-packed
/// (<see cref="BitPacking"/>). A code stands for <c>(code − offset)·scale + minimum</c>, the offset being
/// <c>2^(b-1)-1</c> for symmetric codes (stored offset so they are unsigned) and 0 for asymmetric ones.
/// </summary>
public static class GroupedIntLayout
{
    /// <summary>Where the scale starts in a group.</summary>
    public const int ScaleOffset = 0;

    /// <summary>Where an asymmetric group's minimum starts.</summary>
    public const int MinimumOffset = 2;

    /// <summary>Whether groups of <paramref name="format"/> store a minimum after the scale.</summary>
    public static bool HasMinimum(QuantFormat format) => format.Scheme == QuantScheme.Asymmetric;

    /// <summary>Bytes before a group's codes (<see cref="QuantFormat.GroupOverheadBytes"/>).</summary>
    public static int HeaderBytes(QuantFormat format) => format.GroupOverheadBytes;

    /// <summary>What is subtracted from a stored code before scaling.</summary>
    public static int CodeOffset(QuantFormat format) => HasMinimum(format) ? 0 : format.SymmetricMax;

    /// <summary>Bytes of a group of <paramref name="length"/> codes, header included.</summary>
    public static int GroupBytes(QuantFormat format, int length) => HeaderBytes(format) + BitPacking.PackedLength(length, format.Bits);

    /// <summary>Reads a group's scale and minimum (0 for a symmetric format) from its first bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float Scale, float Minimum) ReadHeader(QuantFormat format, ReadOnlySpan<byte> group) =>
        ((float)BinaryPrimitives.ReadHalfLittleEndian(group[ScaleOffset..]),
         HasMinimum(format) ? (float)BinaryPrimitives.ReadHalfLittleEndian(group[MinimumOffset..]) : 0f);

    /// <summary>Writes a group's header; returns its length.</summary>
    public static int WriteHeader(QuantFormat format, Span<byte> destination, Half scale, Half minimum)
    {
        BinaryPrimitives.WriteHalfLittleEndian(destination[ScaleOffset..], scale);
        if (HasMinimum(format)) BinaryPrimitives.WriteHalfLittleEndian(destination[MinimumOffset..], minimum);
        return HeaderBytes(format);
    }
}
