using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QSLM.Runtime.Kernels;

/// <summary>Dot products of float spans, with four independent accumulators per vector path so
/// that the fused multiply-adds pipeline.</summary>
public static class VectorDot
{
    /// <summary><c>Σ a[i]·b[i]</c> over the shorter length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, KernelPath path)
    {
        var n = Math.Min(a.Length, b.Length);
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0f;
        if (path == KernelPath.Vector256 && n >= 8)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 32; i += 32)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i + 8), Vector256.LoadUnsafe(ref rb, (nuint)i + 8), s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i + 16), Vector256.LoadUnsafe(ref rb, (nuint)i + 16), s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i + 24), Vector256.LoadUnsafe(ref rb, (nuint)i + 24), s3);
            }
            for (; i <= n - 8; i += 8)
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), s0);
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        else if (path != KernelPath.Scalar && n >= 4)
        {
            Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= n - 16; i += 16)
            {
                s0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i), Vector128.LoadUnsafe(ref rb, (nuint)i), s0);
                s1 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 4), Vector128.LoadUnsafe(ref rb, (nuint)i + 4), s1);
                s2 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 8), Vector128.LoadUnsafe(ref rb, (nuint)i + 8), s2);
                s3 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 12), Vector128.LoadUnsafe(ref rb, (nuint)i + 12), s3);
            }
            for (; i <= n - 4; i += 4)
                s0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i), Vector128.LoadUnsafe(ref rb, (nuint)i), s0);
            sum = Vector128.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary><c>Σ a[i]</c> (plain order; used for per-group sums of the input).</summary>
    public static float Sum(ReadOnlySpan<float> a)
    {
        var sum = 0f;
        foreach (var v in a) sum += v;
        return sum;
    }
}
