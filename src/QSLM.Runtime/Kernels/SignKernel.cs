using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Multiply for the sign format (one bit per weight, decoded as +1 or −1 by
/// <see cref="Format.Codecs.SignCodec"/>, low bit first). A weight of −1 flips the sign bit of its
/// input, so eight weights cost a table load, an xor and an add, with no multiply and no branch on the
/// bits (decoding them one by one mispredicts about every other weight of a trained row). The sums run
/// in exactly the order of <see cref="VectorDot.Dot"/> over the decoded row, and ±x is exactly what a
/// fused multiply-add by ±1 adds, so every row equals <see cref="RowDecodeKernel"/>'s bit for bit, on
/// every path: the board scores a sign1 candidate exactly as before, only sooner.
/// </summary>
public sealed class SignKernel : IMatVecKernel
{
    // Masks[8·b + k] holds the float sign bit when bit k of byte b is clear (a weight of −1).
    private static readonly int[] Masks = BuildMasks();
    private readonly RowDecodeKernel _reference;

    /// <summary>Creates the kernel for the sign format.</summary>
    public SignKernel(QuantFormat format)
    {
        if (format.Scheme != QuantScheme.Sign) throw new ArgumentException($"{format} is not the sign format");
        Format = format;
        _reference = new RowDecodeKernel(format);
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (path == KernelPath.Scalar)
        {
            _reference.Multiply(matrix, columns, firstRow, x, y, path);
            return;
        }
        if (x.Length < columns) throw new ArgumentException("the input is shorter than a row");
        var rowBytes = (int)Format.RowBytes(columns);
        for (var i = 0; i < y.Length; i++) y[i] = Dot(matrix.Slice((firstRow + i) * rowBytes, rowBytes), x, columns, path);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ReadOnlySpan<byte> bits, ReadOnlySpan<float> x, int n, KernelPath path)
    {
        ref var rx = ref MemoryMarshal.GetReference(x);
        var i = 0;
        var sum = 0f;
        if (path == KernelPath.Vector256 && n >= 8)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 32; i += 32)
            {
                var at = i >> 3;
                s0 += Signed256(bits[at], ref rx, i);
                s1 += Signed256(bits[at + 1], ref rx, i + 8);
                s2 += Signed256(bits[at + 2], ref rx, i + 16);
                s3 += Signed256(bits[at + 3], ref rx, i + 24);
            }
            for (; i <= n - 8; i += 8) s0 += Signed256(bits[i >> 3], ref rx, i);
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        else if (n >= 4)
        {
            Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 16; i += 16)
            {
                var at = i >> 3;
                s0 += Signed128(bits[at], 0, ref rx, i);
                s1 += Signed128(bits[at], 4, ref rx, i + 4);
                s2 += Signed128(bits[at + 1], 0, ref rx, i + 8);
                s3 += Signed128(bits[at + 1], 4, ref rx, i + 12);
            }
            for (; i <= n - 4; i += 4) s0 += Signed128(bits[i >> 3], i & 4, ref rx, i);
            sum = Vector128.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++)
        {
            var value = Unsafe.Add(ref rx, i);
            sum += (bits[i >> 3] >> (i & 7) & 1) != 0 ? value : -value;
        }
        return sum;
    }

    /// <summary>The eight inputs from <paramref name="at"/> with the signs of byte <paramref name="bits"/>'s weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Signed256(byte bits, ref float x, int at) =>
        (Vector256.LoadUnsafe(ref x, (nuint)at).AsInt32() ^ Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Masks), (nuint)(bits * 8))).AsSingle();

    /// <summary>The four inputs from <paramref name="at"/> with the signs of bits <paramref name="first"/> to
    /// <paramref name="first"/> + 3 of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Signed128(byte bits, int first, ref float x, int at) =>
        (Vector128.LoadUnsafe(ref x, (nuint)at).AsInt32() ^ Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(Masks), (nuint)(bits * 8 + first))).AsSingle();

    private static int[] BuildMasks()
    {
        var masks = new int[256 * 8];
        for (var b = 0; b < 256; b++)
        {
            for (var k = 0; k < 8; k++) masks[b * 8 + k] = (b >> k & 1) != 0 ? 0 : int.MinValue;
        }
        return masks;
    }
}
