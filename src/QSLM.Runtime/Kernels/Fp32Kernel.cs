using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>fp32 rows are read in place from the mapped file (little-endian IEEE 754 binary32).</summary>
public sealed class Fp32Kernel : IMatVecKernel
{
    /// <inheritdoc />
    public QuantFormat Format => QuantFormats.Fp32;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (path == KernelPath.Scalar)
        {
            ScalarMatVec.Multiply(Format, matrix, columns, firstRow, x, y);
            return;
        }
        var values = MemoryMarshal.Cast<byte, float>(matrix);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = VectorDot.Dot(values.Slice((firstRow + i) * columns, columns), x, path);
        }
    }
}
