using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// A8 products for symmetric 8-, 4-, 3- and 2-bit weights, per channel or in groups of 32: the input is
/// quantized once per call (<see cref="ActivationQuantization"/>), each group of 32 weights meets its 32
/// input codes in an integer dot product, and one float multiply per group scales it, in exactly the
/// operations of <see cref="IntegerActivationReference"/> (tested bit for bit on every path).
/// <para>AVX2: 8-bit codes are made signed as <c>code − 128</c> (an xor), so that <c>vpmaddubsw</c> gets
/// <c>|code − 128|</c> ≤ 128 as its unsigned operand and the input code with the weight's sign
/// (<c>vpsignb</c>) as its signed one: a pair of products is at most 2·128·127 = 32,512 and never reaches
/// the instruction's int16 saturation, whatever byte a file holds; the difference to <c>code − offset</c>
/// is added back exactly as <c>(128 − offset)·Σq</c>. 4-bit codes (at most 15) go in unsigned as they are
/// (a pair at most 3,810) and <c>offset·Σq</c> is subtracted; so do 3-bit codes (eight per three bytes,
/// spread to bytes by one <c>pdep</c> each where BMI2 is present) and 2-bit codes (a 64-bit broadcast
/// shifted by 0, 2, 4 and 6 bits per quarter gives four planes of eight codes, the input reordered to
/// match). No code is ever written to memory as a float. <c>vpmaddwd</c> by ones widens the pairs to
/// int32; eight groups' sums are then reduced together by horizontal adds into one vector whose lane k
/// is group k, so the float scaling of eight groups is one convert, two multiplies and an add.</para>
/// <para>128-bit path (NEON on arm64): on cores with the ARMv8.2 dot-product extension (<c>sdot</c>: Cortex-A76
/// of the Pi 5, A78AE of the Orin; Arm ARM, "SDOT (vector)") each group is two <c>sdot</c>s of 16 signed
/// bytes by 16 signed bytes into four int32 lanes, the codes made signed as on AVX2 (8-bit codes as
/// <c>code − 128</c>, narrower codes as they are); without it (Cortex-A72 of the Pi 4, and SSE on x64)
/// bytes widen to int16, products of a pair of elements (at most 2·128·127) add in int16 and widen to
/// int32. Integer sums are exact in any order, so both give the same group dot; the float scaling runs
/// lane by lane in the reference's order.</para>
/// Rows whose length is no multiple of 32 run the reference on every path.
/// </summary>
public sealed unsafe class IntegerActivationKernel : IMatVecKernel
{
    private const int Group = ActivationQuantization.GroupSize;
    private const int Lanes = IntegerActivationReference.Lanes;
    private readonly int _offset;
    private readonly bool _four;
    private readonly int _bits;
    private readonly bool _perChannel;
    private readonly int _header;

    /// <summary>Creates the kernel of a symmetric 8-, 4-, 3- or 2-bit A8 format.</summary>
    public IntegerActivationKernel(QuantFormat format)
    {
        if (!Serves(format)) throw new ArgumentException($"{format} has no integer-activation kernel (symmetric 8-, 4-, 3- and 2-bit A8 formats, per channel or g32)");
        Format = format;
        _offset = GroupedIntLayout.CodeOffset(format);
        _four = format.Bits == 4;
        _bits = format.Bits;
        _perChannel = format.IsPerChannel;
        _header = GroupedIntLayout.HeaderBytes(format);
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <summary>Whether this kernel implements <paramref name="format"/>.</summary>
    public static bool Serves(QuantFormat format) =>
        format.QuantizesActivations && format.Scheme == QuantScheme.Symmetric && format.Bits is 8 or 4 or 3 or 2
        && (format.IsPerChannel || format.GroupSize == Group);

    /// <summary>The instruction that forms a group's integer dot product on <paramref name="path"/> here, as
    /// self-checks report it.</summary>
    public static string DotInstruction(KernelPath path) =>
        path == KernelPath.Scalar ? "scalar"
        : path == KernelPath.Vector256 && Avx2.IsSupported ? "vpmaddubsw (AVX2)"
        : Dp.IsSupported ? "sdot (Dp)"
        : AdvSimd.IsSupported ? "widening multiplies (AdvSimd)"
        : "widening multiplies (SSE)";

    /// <summary>Whether rows of <paramref name="columns"/> take the vector paths (whole groups of 32).</summary>
    public static bool Vectorizes(int columns) => columns > 0 && columns % Group == 0;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (x.Length < columns) throw new ArgumentException("the input is shorter than a row");
        if (path == KernelPath.Scalar || !Vectorizes(columns))
        {
            IntegerActivationReference.Multiply(Format, matrix, columns, firstRow, x, y);
            return;
        }
        var rowBytes = Format.RowBytes(columns);
        if (matrix.Length < (firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");
        var groups = columns / Group;
        Span<sbyte> natural = columns <= 4096 ? stackalloc sbyte[columns] : new sbyte[columns];
        // Scales and sums padded to whole vectors of eight groups, the padding zero, for the last vector of a row.
        var padded = (groups + Lanes - 1) / Lanes * Lanes;
        Span<float> scales = padded <= 1024 ? stackalloc float[padded] : new float[padded];
        Span<int> sums = padded <= 1024 ? stackalloc int[padded] : new int[padded];
        scales.Clear();
        sums.Clear();
        ActivationQuantization.Quantize(x[..columns], natural, scales);
        for (var g = 0; g < groups; g++)
        {
            var sum = 0;
            foreach (var q in natural.Slice(g * Group, Group)) sum += q;
            sums[g] = sum;
        }
        Span<sbyte> codes = natural;
        if (_bits == 2)
        {
            // Plane k of a group holds the codes of elements k, k + 4, …, k + 28: the input codes are
            // reordered to match, which leaves each group's integer sum unchanged.
            codes = columns <= 4096 ? stackalloc sbyte[columns] : new sbyte[columns];
            for (var g = 0; g < columns; g += Group)
            {
                for (var k = 0; k < 4; k++)
                {
                    for (var j = 0; j < 8; j++) codes[g + 8 * k + j] = natural[g + 4 * j + k];
                }
            }
        }
        else if (_four)
        {
            // Low nibbles hold the even elements of a group, high nibbles the odd ones: the input
            // codes are reordered to match, which leaves each group's integer sum unchanged.
            codes = columns <= 4096 ? stackalloc sbyte[columns] : new sbyte[columns];
            for (var g = 0; g < columns; g += Group)
            {
                for (var k = 0; k < Group / 2; k++)
                {
                    codes[g + k] = natural[g + 2 * k];
                    codes[g + Group / 2 + k] = natural[g + 2 * k + 1];
                }
            }
        }
        var codeBytes = Group * Format.Bits / 8;
        // Codes of group g start at row + Header + g·stride; a grouped format's scale sits just before them.
        var stride = _perChannel ? codeBytes : codeBytes + _header;
        // What turns each path's raw integer sum into Σ (code − offset)·q.
        var avx2 = path == KernelPath.Vector256 && Avx2.IsSupported;
        var correction = _bits == 8 ? 128 - _offset : -_offset;
        fixed (byte* m = matrix)
        fixed (sbyte* q = codes)
        fixed (float* s = scales)
        fixed (int* sum = sums)
        {
            for (var i = 0; i < y.Length; i++)
            {
                var row = m + (firstRow + i) * rowBytes;
                y[i] = avx2
                    ? Row256(row + _header, stride, groups, q, s, sum, correction)
                    : Row128(row + _header, stride, groups, q, s, sum, correction);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Row256(byte* codes, int stride, int groups, sbyte* q, float* scales, int* sums, int correction)
    {
        var perChannel = _perChannel;
        var rowScale = perChannel ? GroupScale(codes, stride, 0) : 0f;
        var accumulator = Vector256<float>.Zero;
        var g = 0;
        for (; g + 8 <= groups; g += 8)
        {
            var at = codes + g * stride;
            var input = q + g * Group;
            var dots = _bits switch
            {
                4 => Reduce8(Int4Dot256(at, input), Int4Dot256(at + stride, input + Group), Int4Dot256(at + 2 * stride, input + 2 * Group), Int4Dot256(at + 3 * stride, input + 3 * Group),
                    Int4Dot256(at + 4 * stride, input + 4 * Group), Int4Dot256(at + 5 * stride, input + 5 * Group), Int4Dot256(at + 6 * stride, input + 6 * Group), Int4Dot256(at + 7 * stride, input + 7 * Group)),
                3 => Reduce8(Int3Dot256(at, input), Int3Dot256(at + stride, input + Group), Int3Dot256(at + 2 * stride, input + 2 * Group), Int3Dot256(at + 3 * stride, input + 3 * Group),
                    Int3Dot256(at + 4 * stride, input + 4 * Group), Int3Dot256(at + 5 * stride, input + 5 * Group), Int3Dot256(at + 6 * stride, input + 6 * Group), Int3Dot256(at + 7 * stride, input + 7 * Group)),
                2 => Reduce8(Int2Dot256(at, input), Int2Dot256(at + stride, input + Group), Int2Dot256(at + 2 * stride, input + 2 * Group), Int2Dot256(at + 3 * stride, input + 3 * Group),
                    Int2Dot256(at + 4 * stride, input + 4 * Group), Int2Dot256(at + 5 * stride, input + 5 * Group), Int2Dot256(at + 6 * stride, input + 6 * Group), Int2Dot256(at + 7 * stride, input + 7 * Group)),
                _ => Reduce8(Int8Dot256(at, input), Int8Dot256(at + stride, input + Group), Int8Dot256(at + 2 * stride, input + 2 * Group), Int8Dot256(at + 3 * stride, input + 3 * Group),
                    Int8Dot256(at + 4 * stride, input + 4 * Group), Int8Dot256(at + 5 * stride, input + 5 * Group), Int8Dot256(at + 6 * stride, input + 6 * Group), Int8Dot256(at + 7 * stride, input + 7 * Group)),
            };
            dots += Vector256.Create(correction) * Vector256.Load(sums + g);
            var weightScales = perChannel
                ? Vector256.Create(rowScale)
                : HalfVector.ToSingle(Vector256.Create(ScaleBits(at, stride, 0), ScaleBits(at, stride, 1), ScaleBits(at, stride, 2), ScaleBits(at, stride, 3),
                    ScaleBits(at, stride, 4), ScaleBits(at, stride, 5), ScaleBits(at, stride, 6), ScaleBits(at, stride, 7)));
            accumulator += weightScales * Vector256.Load(scales + g) * Vector256.ConvertToSingle(dots);
        }
        if (g < groups)
        {
            // The last groups of a row (fewer than eight; all of a 192-wide row's six) take the same vector
            // steps: a lane past the row's end holds a dot of zero and adds −0, the one float that leaves every
            // sum unchanged, so the eight accumulators hold what the reference's hold.
            var left = groups - g;
            var at = codes + g * stride;
            var input = q + g * Group;
            var d = stackalloc Vector256<int>[Lanes];
            var scaleBits = stackalloc int[Lanes];
            for (var k = 0; k < Lanes; k++)
            {
                d[k] = k < left ? Dot256(at + k * stride, input + k * Group) : Vector256<int>.Zero;
                scaleBits[k] = k < left && !perChannel ? ScaleBits(at, stride, k) : 0;
            }
            var dots = Reduce8(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]) + Vector256.Create(correction) * Vector256.Load(sums + g);
            var weightScales = perChannel ? Vector256.Create(rowScale) : HalfVector.ToSingle(Vector256.Load(scaleBits));
            var inRow = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(left)).AsSingle();
            accumulator += Vector256.ConditionalSelect(inRow, weightScales * Vector256.Load(scales + g) * Vector256.ConvertToSingle(dots), Vector256.Create(-0f));
        }
        return LaneSum.InReferenceOrder(accumulator);
    }

    // A group's scale sits just before its codes (a per-channel row's just before the row's codes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float GroupScale(byte* codes, int stride, int k) =>
        HalfVector.ToSingle(Unsafe.ReadUnaligned<ushort>(codes + k * stride - _header + GroupedIntLayout.ScaleOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ScaleBits(byte* codes, int stride, int k) => Unsafe.ReadUnaligned<ushort>(codes + k * stride - _header + GroupedIntLayout.ScaleOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<int> Dot256(byte* codes, sbyte* q) => _bits switch
    {
        8 => Int8Dot256(codes, q),
        4 => Int4Dot256(codes, q),
        3 => Int3Dot256(codes, q),
        _ => Int2Dot256(codes, q),
    };

    // Σ code·q of 32 3-bit codes (12 bytes; eight codes in each three), as eight int32 partial sums.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Int3Dot256(byte* codes, sbyte* q)
    {
        var spread = Vector256.Create(Spread3(Bits3(codes, 0)), Spread3(Bits3(codes, 1)), Spread3(Bits3(codes, 2)), Spread3(Bits3(codes, 3))).AsByte();
        return Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(spread, Avx.LoadVector256(q)), Vector256.Create((short)1));
    }

    // Σ code·q of 32 2-bit codes (8 bytes): quarter k of a broadcast shifted right by 2k holds plane k.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Int2Dot256(byte* codes, sbyte* q)
    {
        var planes = Avx2.ShiftRightLogicalVariable(Vector256.Create(Unsafe.ReadUnaligned<ulong>(codes)), Vector256.Create(0UL, 2, 4, 6)).AsByte() & Vector256.Create((byte)3);
        return Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(planes, Avx.LoadVector256(q)), Vector256.Create((short)1));
    }

    // Eight 3-bit codes from 24 bits into eight bytes (natural order).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread3(uint bits) => Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitDeposit(bits, 0x0707_0707_0707_0707UL) : Spread3Portable(bits);

    /// <summary>What <c>pdep</c> with mask 0x0707…07 computes, for processors without BMI2 (every arm64 board).</summary>
    internal static ulong Spread3Portable(uint bits)
    {
        ulong spread = 0;
        for (var k = 0; k < 8; k++) spread |= (ulong)(bits >> (3 * k) & 7) << (8 * k);
        return spread;
    }

    // The 24 bits of codes 8k..8k+7 of a 12-byte group: 32-bit reads at bytes 0, 3 and 6 masked, and the
    // last read at byte 8 shifted, so that no read passes the group's end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bits3(byte* codes, int k) => k < 3
        ? Unsafe.ReadUnaligned<uint>(codes + 3 * k) & 0xFF_FFFF
        : Unsafe.ReadUnaligned<uint>(codes + 8) >> 8;

    // Half of a group's 3- or 2-bit codes as 16 bytes, in the order the input codes were arranged in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Unpack128(byte* codes, int bits, bool second)
    {
        if (bits == 3)
        {
            return second
                ? Vector128.Create(Spread3(Bits3(codes, 2)), Spread3(Bits3(codes, 3))).AsByte()
                : Vector128.Create(Spread3(Bits3(codes, 0)), Spread3(Bits3(codes, 1))).AsByte();
        }
        var word = Unsafe.ReadUnaligned<ulong>(codes);
        var planes = second ? Vector128.Create(word >> 4, word >> 6) : Vector128.Create(word, word >> 2);
        return planes.AsByte() & Vector128.Create((byte)3);
    }

    // Σ code·q of 32 codes of at most 7 bits given as two halves of 16 bytes; two products add in int16
    // (at most 2·127·127).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnsignedDot128(Vector128<byte> first, Vector128<byte> second, sbyte* q)
    {
        if (Dp.IsSupported) return Vector128.Sum(Dp.DotProduct(Dp.DotProduct(Vector128<int>.Zero, first.AsSByte(), Vector128.Load(q)), second.AsSByte(), Vector128.Load(q + 16)));
        var (c0, c1) = Vector128.Widen(first.AsSByte());
        var (c2, c3) = Vector128.Widen(second.AsSByte());
        var (x0, x1) = Vector128.Widen(Vector128.Load(q));
        var (x2, x3) = Vector128.Widen(Vector128.Load(q + 16));
        var (a0, a1) = Vector128.Widen(c0 * x0 + c1 * x1);
        var (b0, b1) = Vector128.Widen(c2 * x2 + c3 * x3);
        return Vector128.Sum((a0 + a1) + (b0 + b1));
    }

    // Σ (code − 128)·q of 32 8-bit codes, as eight int32 partial sums.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Int8Dot256(byte* codes, sbyte* q)
    {
        var signed = (Avx.LoadVector256(codes) ^ Vector256.Create((byte)0x80)).AsSByte();
        var products = Avx2.MultiplyAddAdjacent(Avx2.Abs(signed), Avx2.Sign(Avx.LoadVector256(q), signed));
        return Avx2.MultiplyAddAdjacent(products, Vector256.Create((short)1));
    }

    // Σ code·q of 32 4-bit codes (16 bytes, low nibbles first), as eight int32 partial sums.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Int4Dot256(byte* codes, sbyte* q)
    {
        var packed = Sse2.LoadVector128(codes);
        var mask = Vector128.Create((byte)0x0F);
        var nibbles = Vector256.Create(packed & mask, Vector128.ShiftRightLogical(packed, 4) & mask);
        var products = Avx2.MultiplyAddAdjacent(nibbles, Avx.LoadVector256(q));
        return Avx2.MultiplyAddAdjacent(products, Vector256.Create((short)1));
    }

    // Lane k of the result is the sum of the eight lanes of v_k (the sign kernel reduces its groups so too).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> Reduce8(Vector256<int> v0, Vector256<int> v1, Vector256<int> v2, Vector256<int> v3,
        Vector256<int> v4, Vector256<int> v5, Vector256<int> v6, Vector256<int> v7)
    {
        var low = Avx2.HorizontalAdd(Avx2.HorizontalAdd(v0, v1), Avx2.HorizontalAdd(v2, v3));
        var high = Avx2.HorizontalAdd(Avx2.HorizontalAdd(v4, v5), Avx2.HorizontalAdd(v6, v7));
        return Avx2.Permute2x128(low, high, 0x20) + Avx2.Permute2x128(low, high, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Row128(byte* codes, int stride, int groups, sbyte* q, float* scales, int* sums, int correction)
    {
        var perChannel = _perChannel;
        var rowScale = perChannel ? GroupScale(codes, stride, 0) : 0f;
        Span<float> lanes = stackalloc float[IntegerActivationReference.Lanes];
        lanes.Clear();
        for (var g = 0; g < groups; g++)
        {
            var at = codes + g * stride;
            var dot = _bits switch
            {
                8 => Int8Dot128(at, q + g * Group),
                4 => Int4Dot128(at, q + g * Group),
                _ => UnsignedDot128(Unpack128(at, _bits, false), Unpack128(at, _bits, true), q + g * Group),
            } + correction * sums[g];
            lanes[g % IntegerActivationReference.Lanes] += (perChannel ? rowScale : GroupScale(at, stride, 0)) * scales[g] * dot;
        }
        return IntegerActivationReference.Sum(lanes);
    }

    // Σ (code − 128)·q of 32 8-bit codes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Int8Dot128(byte* codes, sbyte* q)
    {
        var bias = Vector128.Create((byte)0x80);
        if (Dp.IsSupported)
        {
            var dots = Dp.DotProduct(Vector128<int>.Zero, (Vector128.Load(codes) ^ bias).AsSByte(), Vector128.Load(q));
            return Vector128.Sum(Dp.DotProduct(dots, (Vector128.Load(codes + 16) ^ bias).AsSByte(), Vector128.Load(q + 16)));
        }
        var (w0, w1) = Vector128.Widen((Vector128.Load(codes) ^ bias).AsSByte());
        var (w2, w3) = Vector128.Widen((Vector128.Load(codes + 16) ^ bias).AsSByte());
        var (x0, x1) = Vector128.Widen(Vector128.Load(q));
        var (x2, x3) = Vector128.Widen(Vector128.Load(q + 16));
        var (a0, a1) = Vector128.Widen(w0 * x0 + w1 * x1);
        var (b0, b1) = Vector128.Widen(w2 * x2 + w3 * x3);
        return Vector128.Sum((a0 + a1) + (b0 + b1));
    }

    // Σ code·q of 32 4-bit codes (16 bytes, low nibbles first); four products add in int16 (at most 4·15·127).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Int4Dot128(byte* codes, sbyte* q)
    {
        var packed = Vector128.Load(codes);
        if (Dp.IsSupported)
        {
            var dots = Dp.DotProduct(Vector128<int>.Zero, (packed & Vector128.Create((byte)0x0F)).AsSByte(), Vector128.Load(q));
            return Vector128.Sum(Dp.DotProduct(dots, Vector128.ShiftRightLogical(packed, 4).AsSByte(), Vector128.Load(q + 16)));
        }
        var (l0, l1) = Vector128.Widen((packed & Vector128.Create((byte)0x0F)).AsSByte());
        var (h0, h1) = Vector128.Widen(Vector128.ShiftRightLogical(packed, 4).AsSByte());
        var (x0, x1) = Vector128.Widen(Vector128.Load(q));
        var (x2, x3) = Vector128.Widen(Vector128.Load(q + 16));
        var (a0, a1) = Vector128.Widen(l0 * x0 + l1 * x1 + h0 * x2 + h1 * x3);
        return Vector128.Sum(a0 + a1);
    }
}
