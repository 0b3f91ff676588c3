using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// The plain definition of a fused weight-only product for integer weights of 2 to 8 bits
/// (<see cref="PackedIntKernel"/>), which every vector path reproduces bit for bit. A row is cut into its
/// groups (one group for a per-channel row); a group's elements go eight at a time to eight lanes, element
/// <c>j</c> of the group to lane <c>j mod 8</c> of accumulator <c>(j / 8) mod 4</c>, each a fused
/// multiply-add of <c>(code − offset)</c> (exact in integers, then converted) with the input. A group's
/// four accumulators are summed lane by lane as <c>(a0+a1)+(a2+a3)</c> and fused-multiply-added with the
/// group's scale into the row's eight lanes; an asymmetric group adds <c>minimum·Σx</c> (the input's group
/// sum, <see cref="VectorDot.Sum"/>) to a separate float, in group order. The row's result is
/// <c>((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))</c> plus that float. Eight lanes are what one 256-bit or two
/// 128-bit float vectors hold, so each vector path runs exactly these float operations.
/// </summary>
public static class PackedIntReference
{
    /// <summary>Lanes of a row's accumulators: element <c>j</c> of a group goes to lane <c>j mod Lanes</c>.</summary>
    public const int Lanes = 8;

    /// <summary>Accumulators per lane within a group: element <c>j</c> goes to <c>(j / Lanes) mod Chains</c>.</summary>
    public const int Chains = 4;

    /// <summary>Whether rows of <paramref name="columns"/> in <paramref name="format"/> have this definition:
    /// weight-only symmetric or asymmetric integers of 2 to 8 bits whose groups (and rows) are whole
    /// multiples of eight elements, so that every eight codes start on a byte.</summary>
    public static bool Defines(QuantFormat format, int columns) =>
        !format.QuantizesActivations && format.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric
        && format.Bits is >= 2 and <= 8 && columns > 0 && columns % Lanes == 0 && format.GroupLength(columns) % Lanes == 0;

    /// <summary>Reference <c>y[i] = row(firstRow + i) · x</c>.</summary>
    public static void Multiply(QuantFormat format, ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y)
    {
        if (!Defines(format, columns)) throw new ArgumentException($"{format} with rows of {columns} has no fused weight-only definition");
        var rowBytes = checked((int)format.RowBytes(columns));
        if (matrix.Length < (long)(firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");
        var group = format.GroupLength(columns);
        var offset = GroupedIntLayout.CodeOffset(format);
        var asymmetric = GroupedIntLayout.HasMinimum(format);
        var codes = new byte[group];
        Span<float> lanes = stackalloc float[Lanes];
        Span<float> chains = stackalloc float[Chains * Lanes];
        for (var i = 0; i < y.Length; i++)
        {
            var row = matrix.Slice((firstRow + i) * rowBytes, rowBytes);
            lanes.Clear();
            var bias = 0f;
            var at = 0;
            for (var start = 0; start < columns; start += group)
            {
                var length = Math.Min(group, columns - start);
                var (scale, minimum) = GroupedIntLayout.ReadHeader(format, row[at..]);
                at += GroupedIntLayout.HeaderBytes(format);
                BitPacking.Unpack(row[at..], format.Bits, codes.AsSpan(0, length));
                at += BitPacking.PackedLength(length, format.Bits);
                chains.Clear();
                for (var j = 0; j < length; j++)
                {
                    ref var chain = ref chains[j / Lanes % Chains * Lanes + j % Lanes];
                    chain = MathF.FusedMultiplyAdd(codes[j] - offset, x[start + j], chain);
                }
                for (var k = 0; k < Lanes; k++)
                {
                    var sum = (chains[k] + chains[Lanes + k]) + (chains[2 * Lanes + k] + chains[3 * Lanes + k]);
                    lanes[k] = MathF.FusedMultiplyAdd(sum, scale, lanes[k]);
                }
                if (asymmetric) bias += minimum * VectorDot.Sum(x.Slice(start, length));
            }
            y[i] = Sum(lanes) + bias;
        }
    }

    /// <summary>The fixed sum of the eight lanes.</summary>
    public static float Sum(ReadOnlySpan<float> lanes) => ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}
