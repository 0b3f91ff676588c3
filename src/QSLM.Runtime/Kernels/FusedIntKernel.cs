using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Fused dequantize-and-multiply for 8- and 4-bit integer formats (symmetric or asymmetric, per
/// channel or per group of a multiple of 32). A group of a packed row is laid out by
/// <see cref="GroupedIntLayout"/>, read here in place, and its weights are
/// <c>(code − offset)·scale + minimum</c>, so
/// <c>group · x = scale·Σ(code − offset)·x + minimum·Σx</c>: the codes are widened to integers,
/// offset-corrected exactly in integers (folding the offset into <c>Σx</c> instead would cancel
/// digits), converted and multiplied in registers, never stored as floats; the minimum costs one
/// multiply-add per group with the input's group sums.
/// 4-bit codes are packed low nibble first, so the input is de-interleaved once per call and the
/// low and high nibbles of 8 bytes meet 8 contiguous inputs each.
/// <see cref="MatVecKernels"/> gives it per-channel rows only: for groups of 32 its horizontal sum per
/// group costs more than <see cref="PackedIntKernel"/>'s unpacking.
/// </summary>
public sealed unsafe class FusedIntKernel : IMatVecKernel
{
    private const int Chunk = 32;
    private readonly int _offset;
    private readonly bool _asymmetric;
    private readonly RowDecodeKernel _reference;

    /// <summary>Creates the kernel; <see cref="Supports"/> says for which formats and widths.</summary>
    public FusedIntKernel(QuantFormat format)
    {
        if (format.Scheme is not (QuantScheme.Symmetric or QuantScheme.Asymmetric) || format.Bits is not (8 or 4))
            throw new ArgumentException($"{format} has no fused kernel (8- and 4-bit integer formats only)");
        Format = format;
        _asymmetric = GroupedIntLayout.HasMinimum(format);
        _offset = GroupedIntLayout.CodeOffset(format);
        _reference = new RowDecodeKernel(format);
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <summary>Whether rows of <paramref name="columns"/> in <paramref name="format"/> take the fused path.</summary>
    public static bool Supports(QuantFormat format, int columns) =>
        format.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric && format.Bits is 8 or 4
        && format.GroupLength(columns) % Chunk == 0 && columns % format.GroupLength(columns) == 0;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (path == KernelPath.Scalar || !Supports(Format, columns))
        {
            _reference.Multiply(matrix, columns, firstRow, x, y, path);
            return;
        }
        var wide = path == KernelPath.Vector256 && Avx2.IsSupported;
        var group = Format.GroupLength(columns);
        var groups = columns / group;
        var overhead = GroupedIntLayout.HeaderBytes(Format);
        var groupBytes = GroupedIntLayout.GroupBytes(Format, group);
        var rowBytes = (long)groups * groupBytes;
        if (matrix.Length < (firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");

        Span<float> input = columns <= 4096 ? stackalloc float[columns] : new float[columns];
        if (Format.Bits == 4) Deinterleave(x, input);
        else x.CopyTo(input);
        Span<float> groupSums = stackalloc float[groups];
        if (_asymmetric)
        {
            for (var g = 0; g < groups; g++) groupSums[g] = VectorDot.Sum(x.Slice(g * group, group));
        }

        var four = Format.Bits == 4;
        fixed (byte* m = matrix)
        fixed (float* xs = input)
        fixed (float* sums = groupSums)
        fixed (float* output = y)
        {
            var i = 0;
            if (wide)
            {
                // Two rows at a time: eight independent accumulation chains hide the multiply-add
                // latency that one 192-element row cannot, and each input vector is loaded once
                // for both rows.
                for (; i + 2 <= y.Length; i += 2)
                {
                    var row = m + (firstRow + i) * rowBytes;
                    float total0 = 0f, total1 = 0f;
                    for (var g = 0; g < groups; g++)
                    {
                        var at = row + g * groupBytes;
                        var (dot0, dot1) = four
                            ? Int4Dot2x256(at + overhead, rowBytes, xs + g * group, group, _offset)
                            : Int8Dot2x256(at + overhead, rowBytes, xs + g * group, group, _offset);
                        total0 += Scale(at) * dot0 + (_asymmetric ? Minimum(at) : 0f) * sums[g];
                        total1 += Scale(at + rowBytes) * dot1 + (_asymmetric ? Minimum(at + rowBytes) : 0f) * sums[g];
                    }
                    output[i] = total0;
                    output[i + 1] = total1;
                }
            }
            for (; i < y.Length; i++)
            {
                var row = m + (firstRow + i) * rowBytes;
                var total = 0f;
                for (var g = 0; g < groups; g++)
                {
                    var at = row + g * groupBytes;
                    var scale = Scale(at);
                    var minimum = _asymmetric ? Minimum(at) : 0f;
                    var codes = at + overhead;
                    var input0 = xs + g * group;
                    var dot = (four, wide) switch
                    {
                        (false, true) => Int8Dot256(codes, input0, group, _offset),
                        (false, false) => Int8Dot128(codes, input0, group, _offset),
                        (true, true) => Int4Dot256(codes, input0, group, _offset),
                        (true, false) => Int4Dot128(codes, input0, group, _offset),
                    };
                    total += scale * dot + minimum * sums[g];
                }
                output[i] = total;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Scale(byte* group) => HalfVector.ToSingle(Unsafe.ReadUnaligned<ushort>(group + GroupedIntLayout.ScaleOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Minimum(byte* group) => HalfVector.ToSingle(Unsafe.ReadUnaligned<ushort>(group + GroupedIntLayout.MinimumOffset));

    /// <summary>Reorders every 16 inputs as the 8 even ones then the 8 odd ones, matching the low
    /// and high nibbles of 8 packed bytes.</summary>
    private static void Deinterleave(ReadOnlySpan<float> x, Span<float> output)
    {
        for (var c = 0; c < x.Length; c += 16)
        {
            for (var k = 0; k < 8; k++)
            {
                output[c + k] = x[c + 2 * k];
                output[c + 8 + k] = x[c + 2 * k + 1];
            }
        }
    }

    // AVX2: vpmovzxbd widens 8 codes straight to 8 int32 lanes, so 8 weights cost a widen, an
    // exact integer offset, a convert and a fused multiply-add. One row runs exactly the steps of
    // its half of the two-row kernels, so a row's result does not depend on how rows are split
    // between threads or blocks.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Int8Dot256(byte* codes, float* x, int length, int offset)
    {
        var off = Vector256.Create(offset);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var c = codes + j;
            a0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c) - off), Vector256.Load(x + j), a0);
            a1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 8) - off), Vector256.Load(x + j + 8), a1);
            a2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 16) - off), Vector256.Load(x + j + 16), a2);
            a3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 24) - off), Vector256.Load(x + j + 24), a3);
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float, float) Int8Dot2x256(byte* codes, long stride, float* x, int length, int offset)
    {
        var off = Vector256.Create(offset);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var c = codes + j;
            var d = c + stride;
            var x0 = Vector256.Load(x + j);
            a0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c) - off), x0, a0);
            b0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(d) - off), x0, b0);
            var x1 = Vector256.Load(x + j + 8);
            a1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 8) - off), x1, a1);
            b1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(d + 8) - off), x1, b1);
            var x2 = Vector256.Load(x + j + 16);
            a2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 16) - off), x2, a2);
            b2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(d + 16) - off), x2, b2);
            var x3 = Vector256.Load(x + j + 24);
            a3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + 24) - off), x3, a3);
            b3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(d + 24) - off), x3, b3);
        }
        return (Vector256.Sum((a0 + a1) + (a2 + a3)), Vector256.Sum((b0 + b1) + (b2 + b3)));
    }

    // Sixteen bytes hold 32 codes; eight bytes zero-extended into eight int32 lanes hold sixteen:
    // the low nibbles are the even elements, the high nibbles the odd ones (the input is
    // de-interleaved to match).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Int4Dot256(byte* codes, float* x, int length, int offset)
    {
        var off = Vector256.Create(offset);
        var mask = Vector256.Create(0x0F);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var first = Avx2.ConvertToVector256Int32(codes + j / 2);
            var second = Avx2.ConvertToVector256Int32(codes + j / 2 + 8);
            a0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((first & mask) - off), Vector256.Load(x + j), a0);
            a1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(first, 4) - off), Vector256.Load(x + j + 8), a1);
            a2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((second & mask) - off), Vector256.Load(x + j + 16), a2);
            a3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(second, 4) - off), Vector256.Load(x + j + 24), a3);
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float, float) Int4Dot2x256(byte* codes, long stride, float* x, int length, int offset)
    {
        var off = Vector256.Create(offset);
        var mask = Vector256.Create(0x0F);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var c = codes + j / 2;
            var d = c + stride;
            var first = Avx2.ConvertToVector256Int32(c);
            var other = Avx2.ConvertToVector256Int32(d);
            var x0 = Vector256.Load(x + j);
            a0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((first & mask) - off), x0, a0);
            b0 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((other & mask) - off), x0, b0);
            var x1 = Vector256.Load(x + j + 8);
            a1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(first, 4) - off), x1, a1);
            b1 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(other, 4) - off), x1, b1);
            first = Avx2.ConvertToVector256Int32(c + 8);
            other = Avx2.ConvertToVector256Int32(d + 8);
            var x2 = Vector256.Load(x + j + 16);
            a2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((first & mask) - off), x2, a2);
            b2 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single((other & mask) - off), x2, b2);
            var x3 = Vector256.Load(x + j + 24);
            a3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(first, 4) - off), x3, a3);
            b3 = Vector256.FusedMultiplyAdd(Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(other, 4) - off), x3, b3);
        }
        return (Vector256.Sum((a0 + a1) + (a2 + a3)), Vector256.Sum((b0 + b1) + (b2 + b3)));
    }

    // 128-bit path (AdvSimd/NEON on arm64): bytes widen to 16 then 32 bits in two steps.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Int8Dot128(byte* codes, float* x, int length, int offset)
    {
        var off = Vector128.Create(offset);
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.Load(codes + j));
            Accumulate128(low, off, x + j, ref s0, ref s1);
            Accumulate128(high, off, x + j + 8, ref s2, ref s3);
        }
        return Vector128.Sum((s0 + s1) + (s2 + s3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Int4Dot128(byte* codes, float* x, int length, int offset)
    {
        var off = Vector128.Create(offset);
        var mask = Vector128.Create((byte)0x0F);
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var j = 0; j < length; j += Chunk)
        {
            var packed = Vector128.Load(codes + j / 2);
            var (lowLow, lowHigh) = Vector128.Widen(packed & mask);
            var (highLow, highHigh) = Vector128.Widen(Vector128.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask);
            // Bytes 0-7 hold elements 0-15 (low nibbles even, high odd), bytes 8-15 elements 16-31.
            Accumulate128(lowLow, off, x + j, ref s0, ref s1);
            Accumulate128(highLow, off, x + j + 8, ref s2, ref s3);
            Accumulate128(lowHigh, off, x + j + 16, ref s0, ref s1);
            Accumulate128(highHigh, off, x + j + 24, ref s2, ref s3);
        }
        return Vector128.Sum((s0 + s1) + (s2 + s3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate128(Vector128<ushort> codes, Vector128<int> offset, float* x, ref Vector128<float> a, ref Vector128<float> b)
    {
        var (low, high) = Vector128.Widen(codes);
        a = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(low.AsInt32() - offset), Vector128.Load(x), a);
        b = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(high.AsInt32() - offset), Vector128.Load(x + 4), b);
    }
}
