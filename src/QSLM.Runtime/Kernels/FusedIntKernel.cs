using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Fused dequantize-and-multiply for 8- and 4-bit integer formats (symmetric or asymmetric, per
/// channel or per group of a multiple of 32). A group of a packed row is
/// <c>scale (fp16) [, minimum (fp16)], codes</c> and its weights are
/// <c>(code − offset)·scale + minimum</c> (<see cref="Format.Codecs.GroupedIntCodec"/>), so
/// <c>group · x = scale·Σ code·x + (minimum − scale·offset)·Σx</c>: the raw codes are widened to
/// integers, converted and multiplied in registers, never stored as floats, and the offset and
/// minimum cost one multiply-add per group with the input's group sums, computed once per call.
/// 4-bit codes are packed low nibble first, so the input is de-interleaved once per call and the
/// low and high nibbles of 16 bytes meet 16 contiguous inputs each.
/// </summary>
public sealed unsafe class FusedIntKernel : IMatVecKernel
{
    private const int Chunk = 32;
    private readonly int _offset;
    private readonly bool _asymmetric;

    /// <summary>Creates the kernel; <see cref="Supports"/> says for which formats and widths.</summary>
    public FusedIntKernel(QuantFormat format)
    {
        if (format.Scheme is not (QuantScheme.Symmetric or QuantScheme.Asymmetric) || format.Bits is not (8 or 4))
            throw new ArgumentException($"{format} has no fused kernel (8- and 4-bit integer formats only)");
        Format = format;
        _asymmetric = format.Scheme == QuantScheme.Asymmetric;
        _offset = _asymmetric ? 0 : format.SymmetricMax;
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <summary>Whether rows of <paramref name="columns"/> in <paramref name="format"/> take the fused path.</summary>
    public static bool Supports(QuantFormat format, int columns) =>
        format.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric && format.Bits is 8 or 4
        && format.GroupLength(columns) % Chunk == 0 && columns % format.GroupLength(columns) == 0;

    /// <inheritdoc />
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (path == KernelPath.Scalar || !Supports(Format, columns))
        {
            new RowDecodeKernel(Format).Multiply(matrix, columns, firstRow, x, y, path);
            return;
        }
        var wide = path == KernelPath.Vector256 && Avx2.IsSupported;
        var group = Format.GroupLength(columns);
        var groups = columns / group;
        var overhead = Format.GroupOverheadBytes;
        var groupBytes = overhead + group * Format.Bits / 8;
        var rowBytes = (long)groups * groupBytes;
        if (matrix.Length < (firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");

        Span<float> input = columns <= 4096 ? stackalloc float[columns] : new float[columns];
        if (Format.Bits == 4) Deinterleave(x, input);
        else x.CopyTo(input);
        Span<float> groupSums = stackalloc float[groups];
        for (var g = 0; g < groups; g++) groupSums[g] = VectorDot.Sum(x.Slice(g * group, group));

        var four = Format.Bits == 4;
        fixed (byte* m = matrix)
        fixed (float* xs = input)
        {
            for (var i = 0; i < y.Length; i++)
            {
                var row = m + (firstRow + i) * rowBytes;
                var total = 0f;
                for (var g = 0; g < groups; g++)
                {
                    var at = row + g * groupBytes;
                    var scale = (float)Unsafe.ReadUnaligned<Half>(at);
                    var minimum = _asymmetric ? (float)Unsafe.ReadUnaligned<Half>(at + 2) : 0f;
                    var codes = at + overhead;
                    var input0 = xs + g * group;
                    var dot = (four, wide) switch
                    {
                        (false, true) => Int8Dot256(codes, input0, group),
                        (false, false) => Int8Dot128(codes, input0, group),
                        (true, true) => Int4Dot256(codes, input0, group),
                        (true, false) => Int4Dot128(codes, input0, group),
                    };
                    total += scale * dot + (minimum - scale * _offset) * groupSums[g];
                }
                y[i] = total;
            }
        }
    }

    /// <summary>Reorders every 32 inputs as the 16 even ones then the 16 odd ones, matching the
    /// low and high nibbles of 16 packed bytes.</summary>
    private static void Deinterleave(ReadOnlySpan<float> x, Span<float> output)
    {
        for (var c = 0; c < x.Length; c += Chunk)
        {
            for (var k = 0; k < Chunk / 2; k++)
            {
                output[c + k] = x[c + 2 * k];
                output[c + Chunk / 2 + k] = x[c + 2 * k + 1];
            }
        }
    }

    // AVX2: vpmovzxbd widens 8 codes straight to 8 int32 lanes, so 8 weights cost a widen, a
    // convert and a fused multiply-add.
    private static float Int8Dot256(byte* codes, float* x, int length)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            s0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + j)), Vector256.Load(x + j), s0);
            s1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + j + 8)), Vector256.Load(x + j + 8), s1);
            s2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + j + 16)), Vector256.Load(x + j + 16), s2);
            s3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + j + 24)), Vector256.Load(x + j + 24), s3);
        }
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    private static float Int4Dot256(byte* codes, float* x, int length)
    {
        var mask = Vector128.Create((byte)0x0F);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var packed = Vector128.Load(codes + j / 2);
            var low = packed & mask;
            var high = Vector128.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask;
            s0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(low)), Vector256.Load(x + j), s0);
            s1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(low, 8))), Vector256.Load(x + j + 8), s1);
            s2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(high)), Vector256.Load(x + j + 16), s2);
            s3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(high, 8))), Vector256.Load(x + j + 24), s3);
        }
        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }

    // 128-bit path (AdvSimd/NEON on arm64): bytes widen to 16 then 32 bits in two steps.
    private static float Int8Dot128(byte* codes, float* x, int length)
    {
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.Load(codes + j));
            Accumulate128(low, x + j, ref s0, ref s1);
            Accumulate128(high, x + j + 8, ref s2, ref s3);
        }
        return Vector128.Sum((s0 + s1) + (s2 + s3));
    }

    private static float Int4Dot128(byte* codes, float* x, int length)
    {
        var mask = Vector128.Create((byte)0x0F);
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var packed = Vector128.Load(codes + j / 2);
            var (lowLow, lowHigh) = Vector128.Widen(packed & mask);
            var (highLow, highHigh) = Vector128.Widen(Vector128.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask);
            Accumulate128(lowLow, x + j, ref s0, ref s1);
            Accumulate128(lowHigh, x + j + 8, ref s2, ref s3);
            Accumulate128(highLow, x + j + 16, ref s0, ref s1);
            Accumulate128(highHigh, x + j + 24, ref s2, ref s3);
        }
        return Vector128.Sum((s0 + s1) + (s2 + s3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate128(Vector128<ushort> codes, float* x, ref Vector128<float> a, ref Vector128<float> b)
    {
        var (low, high) = Vector128.Widen(codes);
        a = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(low), Vector128.Load(x), a);
        b = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(high), Vector128.Load(x + 4), b);
    }
}
