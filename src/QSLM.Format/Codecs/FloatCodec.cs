using System.Buffers.Binary;
using QSLM.Format.Formats;

namespace QSLM.Format.Codecs;

/// <summary>fp32, fp16 (IEEE-754 binary16, round-to-nearest-even) and bf16 (the top 16 bits of
/// binary32, round-to-nearest-even, NaN kept quiet), little-endian.</summary>
public sealed class FloatCodec : IQuantCodec
{
    /// <summary>Creates the codec of a float format.</summary>
    public FloatCodec(QuantFormat format)
    {
        if (format.Scheme != QuantScheme.Float) throw new ArgumentException($"{format} is not a float format");
        Format = format;
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    private bool IsBfloat => Format.Name == "bf16";

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<float> values, int rows, int columns, Span<byte> destination, QuantizeOptions options)
    {
        var count = checked(rows * columns);
        for (var i = 0; i < count; i++)
        {
            var v = values[i];
            switch (Format.Bits)
            {
                case 32:
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], v);
                    break;
                case 16 when IsBfloat:
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], ToBfloat16(v));
                    break;
                default:
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(2 * i)..], (Half)v);
                    break;
            }
        }
    }

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> source, int rows, int columns, Span<float> destination)
    {
        var count = checked(rows * columns);
        for (var i = 0; i < count; i++)
        {
            destination[i] = Format.Bits switch
            {
                32 => BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]),
                _ when IsBfloat => FromBfloat16(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..])),
                _ => (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]),
            };
        }
    }

    /// <summary>Rounds a float to bfloat16 bits (nearest, ties to even).</summary>
    public static ushort ToBfloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    /// <summary>Widens bfloat16 bits to a float (exact).</summary>
    public static float FromBfloat16(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
