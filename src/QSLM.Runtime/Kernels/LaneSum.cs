using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QSLM.Runtime.Kernels;

/// <summary>The sum of eight accumulator lanes in the order the scalar references fix
/// (<see cref="IntegerActivationReference.Sum"/>, <see cref="PackedIntReference.Sum"/>):
/// <c>((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))</c>, which two horizontal adds leave in the low lane of each half.</summary>
internal static class LaneSum
{
    /// <summary>The lanes of <paramref name="lanes"/> summed in the references' order (AVX only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float InReferenceOrder(Vector256<float> lanes)
    {
        var pairs = Avx.HorizontalAdd(lanes, lanes);
        var quads = Avx.HorizontalAdd(pairs, pairs);
        return quads.ToScalar() + quads.GetUpper().ToScalar();
    }
}
