using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// The plain definition of an A8 product (<see cref="QuantFormat.QuantizesActivations"/>), which every
/// vector path of <see cref="IntegerActivationKernel"/> reproduces bit for bit. The input is quantized by
/// <see cref="ActivationQuantization"/>; per input group <c>g</c> of 32 elements the weights' codes and the
/// input's codes meet in one exact integer dot product <c>d_g = Σ (code − offset)·q</c> (int32: at most
/// 32·128·127 in magnitude; for the sign format <c>Σ ±q</c>, the weight's sign applied to the input's code,
/// with a weight scale of 1), and the row's result is
/// <c>Σ_g (s_w(g)·s_x(g))·d_g</c> in float32, a multiply, a multiply and an add per group (never fused),
/// with group <c>g</c> added into accumulator <c>g mod 8</c> and the eight accumulators summed as
/// <c>((a0+a1)+(a2+a3))+((a4+a5)+(a6+a7))</c>: the order in which eight vector lanes hold eight groups,
/// so an eight-lane path does the same float operations as this loop.
/// </summary>
public static class IntegerActivationReference
{
    /// <summary>Accumulators of a row: groups go to lane <c>g mod Lanes</c>.</summary>
    public const int Lanes = 8;

    /// <summary>Reference <c>y[i] = row(firstRow + i) · x</c> for an A8 format.</summary>
    public static void Multiply(QuantFormat format, ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y)
    {
        var codes = new sbyte[columns];
        var scales = new float[ActivationQuantization.Groups(columns)];
        ActivationQuantization.Quantize(x[..columns], codes, scales);
        Multiply(format, matrix, columns, firstRow, codes, scales, y);
    }

    /// <summary>Reference rows for an input already quantized into <paramref name="codes"/> (natural order)
    /// and <paramref name="scales"/>.</summary>
    public static void Multiply(QuantFormat format, ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, Span<float> y)
    {
        if (!format.QuantizesActivations || format.Scheme is not (QuantScheme.Symmetric or QuantScheme.Sign))
            throw new ArgumentException($"{format} is not a symmetric integer or sign format with integer activations");
        var sign = format.Scheme == QuantScheme.Sign;
        var rowBytes = checked((int)format.RowBytes(columns));
        var group = format.GroupLength(columns);
        // A sign bit of 1 is +1 and of 0 is −1: 2·bit − 1.
        var (factor, offset) = sign ? (2, 1) : (1, GroupedIntLayout.CodeOffset(format));
        var weights = new byte[columns];
        var weightScales = new float[(columns + group - 1) / group];
        Span<float> lanes = stackalloc float[Lanes];
        for (var i = 0; i < y.Length; i++)
        {
            var row = matrix.Slice((firstRow + i) * rowBytes, rowBytes);
            var at = 0;
            for (var start = 0; start < columns; start += group)
            {
                var length = Math.Min(group, columns - start);
                weightScales[start / group] = sign ? 1f : GroupedIntLayout.ReadHeader(format, row[at..]).Scale;
                at += GroupedIntLayout.HeaderBytes(format);
                BitPacking.Unpack(row[at..], format.Bits, weights.AsSpan(start, length));
                at += BitPacking.PackedLength(length, format.Bits);
            }
            lanes.Clear();
            for (var g = 0; g < scales.Length; g++)
            {
                var start = g * ActivationQuantization.GroupSize;
                var end = Math.Min(start + ActivationQuantization.GroupSize, columns);
                var dot = 0;
                for (var c = start; c < end; c++) dot += (factor * weights[c] - offset) * codes[c];
                lanes[g % Lanes] += weightScales[start / group] * scales[g] * dot;
            }
            y[i] = Sum(lanes);
        }
    }

    /// <summary>The fixed sum of the eight accumulators.</summary>
    public static float Sum(ReadOnlySpan<float> lanes) => ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}
