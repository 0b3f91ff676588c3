using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Widens eight finite IEEE-754 binary16 values to binary32 in vector registers, each exactly what
/// <c>(float)Half</c> gives: the half's exponent and mantissa bits, shifted into a float's, are the
/// value times 2^-112 (a half subnormal becomes a float subnormal), so one multiply by 2^112, exact for a
/// power of two, restores it; the sign bit is then put back. A packed file holds no infinite or NaN scale
/// (its reader refuses them), so those are not handled.
/// </summary>
public static class HalfVector
{
    /// <summary>The float of one finite half, by the same operations as <see cref="ToSingle(Vector256{int})"/>
    /// (a software conversion of <see cref="Half"/> costs several times more, once per group of a row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(ushort bits)
    {
        var magnitude = BitConverter.Int32BitsToSingle((bits & 0x7FFF) << 13) * BitConverter.Int32BitsToSingle(0x7780_0000);
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(magnitude) | (bits & 0x8000) << 16);
    }

    /// <summary>The floats of the halves in the low 16 bits of each lane of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToSingle(Vector256<int> bits)
    {
        var magnitude = ((bits & Vector256.Create(0x7FFF)) << 13).AsSingle() * Vector256.Create(0x7780_0000).AsSingle(); // 2^112
        return (magnitude.AsInt32() | ((bits & Vector256.Create(0x8000)) << 16)).AsSingle();
    }
}
