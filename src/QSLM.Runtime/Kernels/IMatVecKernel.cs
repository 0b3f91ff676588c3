using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Matrix-vector product computed directly on a packed row-major matrix (the layout of
/// <see cref="QuantFormat.RowBytes"/>), dequantizing on the fly; nothing is expanded to fp32 first.
/// </summary>
public interface IMatVecKernel
{
    /// <summary>The format this kernel reads.</summary>
    QuantFormat Format { get; }

    /// <summary><c>y[i] = row(firstRow + i) · x</c> for every element of <paramref name="y"/>.</summary>
    /// <param name="matrix">The whole packed matrix.</param>
    /// <param name="columns">Elements per row; equals <c>x.Length</c>.</param>
    /// <param name="firstRow">Row of <c>y[0]</c>, so callers can split rows between threads.</param>
    /// <param name="x">The input vector.</param>
    /// <param name="y">The output rows.</param>
    /// <param name="path">Instruction set; <see cref="KernelPath.Scalar"/> is the reference.</param>
    void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path);
}
