using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// The plain reference every kernel is checked against: decode a row with the format's own codec
/// (the code the host's fake quantization calls), without vector instructions, then a sequential dot product;
/// for a format that quantizes activations, <see cref="IntegerActivationReference"/>.
/// </summary>
public static class ScalarMatVec
{
    /// <summary>Reference <c>y[i] = row(firstRow + i) · x</c>.</summary>
    public static void Multiply(QuantFormat format, ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y)
    {
        if (format.QuantizesActivations)
        {
            IntegerActivationReference.Multiply(format, matrix, columns, firstRow, x, y);
            return;
        }
        var codec = KernelPaths.CodecFor(format, KernelPath.Scalar);
        var rowBytes = (int)format.RowBytes(columns);
        var row = new float[columns];
        for (var i = 0; i < y.Length; i++)
        {
            codec.Decode(matrix.Slice((firstRow + i) * rowBytes, rowBytes), 1, columns, row);
            var sum = 0f;
            for (var c = 0; c < columns; c++) sum += row[c] * x[c];
            y[i] = sum;
        }
    }
}
