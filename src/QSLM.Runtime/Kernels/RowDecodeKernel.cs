using System.Runtime.CompilerServices;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Any format: each row is dequantized by the format's codec into a row-sized buffer that stays in
/// L1, then dotted with the input on the vector path. Used for the formats without a fused kernel
/// (fp16, bf16, and integer rows whose length or group is no multiple of 8, which
/// <see cref="PackedIntKernel"/> does not take), and the reference that <see cref="SignKernel"/> matches
/// bit for bit.
/// </summary>
public sealed class RowDecodeKernel : IMatVecKernel
{
    private readonly IQuantCodec[] _codecs;

    /// <summary>Creates the kernel for <paramref name="format"/>.</summary>
    public RowDecodeKernel(QuantFormat format)
    {
        Format = format;
        _codecs = Enum.GetValues<KernelPath>().Select(path => KernelPaths.CodecFor(format, path)).ToArray();
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (path == KernelPath.Scalar)
        {
            ScalarMatVec.Multiply(Format, matrix, columns, firstRow, x, y);
            return;
        }
        var codec = CodecFor(path);
        var rowBytes = (int)Format.RowBytes(columns);
        Span<float> row = columns <= 4096 ? stackalloc float[columns] : new float[columns];
        for (var i = 0; i < y.Length; i++)
        {
            codec.Decode(matrix.Slice((firstRow + i) * rowBytes, rowBytes), 1, columns, row);
            y[i] = VectorDot.Dot(row, x, path);
        }
    }

    /// <summary>The codec that decodes rows on <paramref name="path"/>.</summary>
    internal IQuantCodec CodecFor(KernelPath path) => _codecs[(int)path];
}
