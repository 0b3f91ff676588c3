using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>Which instruction set a kernel runs with, the one switch of the runtime's SIMD: it also decides
/// how the format's codecs decode (<see cref="KernelPaths.CodecFor"/>), so <see cref="Scalar"/> is scalar
/// throughout. Every vector path is checked against <see cref="Scalar"/> in the tests.</summary>
public enum KernelPath
{
    /// <summary>Plain C#, one element at a time: the reference.</summary>
    Scalar,

    /// <summary>128-bit vectors: AdvSimd (NEON) on arm64, SSE on x64.</summary>
    Vector128,

    /// <summary>256-bit vectors: AVX2 on x64 (arm64 has no 256-bit vectors).</summary>
    Vector256,
}

/// <summary>The paths this processor runs.</summary>
public static class KernelPaths
{
    /// <summary>The widest accelerated path.</summary>
    public static KernelPath Best { get; } =
        System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? KernelPath.Vector256
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>Every path this processor can run, the scalar reference first.</summary>
    public static IReadOnlyList<KernelPath> Supported { get; } = Enum.GetValues<KernelPath>().Where(IsSupported).ToArray();

    /// <summary>Whether <paramref name="path"/> is accelerated here.</summary>
    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Scalar => true,
        KernelPath.Vector128 => System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
        KernelPath.Vector256 => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The codec of <paramref name="format"/> that decodes as <paramref name="path"/> allows: with AVX2
    /// only on <see cref="KernelPath.Vector256"/> (the scalar reference and the 128-bit path never use it).</summary>
    public static IQuantCodec CodecFor(QuantFormat format, KernelPath path) => QuantCodecs.For(format, allowAvx2: path == KernelPath.Vector256);

    /// <summary>A short description of the vector hardware, e.g. for <c>hello</c> messages.</summary>
    public static string Describe() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}, best path {Best}"
        + (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? ", AdvSimd" : "")
        + (System.Runtime.Intrinsics.X86.Avx2.IsSupported ? ", AVX2" : "")
        + (System.Runtime.Intrinsics.X86.Fma.IsSupported ? ", FMA" : "")
        + (System.Runtime.Intrinsics.X86.Bmi2.IsSupported ? ", BMI2" : "")
        + (System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? ", AVX-VNNI" : "")
        + (System.Runtime.Intrinsics.Arm.Dp.IsSupported ? ", dot product (sdot)" : "");
}
