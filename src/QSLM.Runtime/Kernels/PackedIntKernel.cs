using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Fused dequantize-and-multiply for weight-only integer formats of any width from 2 to 8 bits, symmetric
/// or asymmetric, per channel or grouped (<see cref="PackedIntReference"/> defines the arithmetic, which
/// every path reproduces bit for bit). No row is decoded to memory: eight codes of <c>b</c> bits fill
/// exactly <c>b</c> bytes (<see cref="BitPacking"/>, first code in the lowest bits), so one 8-byte read
/// holds them; a byte shuffle puts the two bytes that hold code <c>k</c> into lane <c>k</c>, a per-lane
/// variable shift and a mask isolate it, and it is offset-corrected exactly in integers, converted and
/// multiply-added with the input in registers. A group's scale then multiplies the group's eight-lane
/// partial sums in one fused multiply-add, so a group of 32 costs no horizontal sum; the row's eight lanes
/// are summed once. The 8-byte read may pass the codes of the last group by up to six bytes, so the last
/// rows of a matrix run from a padded copy.
/// </summary>
public sealed unsafe class PackedIntKernel : IMatVecKernel
{
    private const int Lanes = PackedIntReference.Lanes;
    private const int Padding = 8;
    private readonly int _bits;
    private readonly int _offset;
    private readonly bool _asymmetric;
    private readonly int _header;
    private readonly Vector256<byte> _shuffle;
    private readonly Vector256<uint> _shifts;
    private RowDecodeKernel? _rowDecode;

    /// <summary>Creates the kernel; <see cref="Supports"/> says for which formats and row lengths it runs fused.</summary>
    public PackedIntKernel(QuantFormat format)
    {
        if (format.QuantizesActivations || format.Scheme is not (QuantScheme.Symmetric or QuantScheme.Asymmetric) || format.Bits is < 2 or > 8)
            throw new ArgumentException($"{format} has no fused weight-only kernel (2- to 8-bit integer formats only)");
        Format = format;
        _bits = format.Bits;
        _offset = GroupedIntLayout.CodeOffset(format);
        _asymmetric = GroupedIntLayout.HasMinimum(format);
        _header = GroupedIntLayout.HeaderBytes(format);
        (_shuffle, _shifts) = Spreading(format.Bits);
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <summary>Whether rows of <paramref name="columns"/> in <paramref name="format"/> take the fused path (see
    /// <see cref="PackedIntReference.Defines"/>); other rows are decoded row by row.</summary>
    public static bool Supports(QuantFormat format, int columns) => PackedIntReference.Defines(format, columns);

    /// <summary>Lane <c>k</c> of the byte shuffle takes the two bytes that hold bits <c>k·b</c> to <c>k·b + b</c>
    /// (a code never spans more than two) and the shift moves the code down to bit 0. Both 128-bit halves
    /// index their own copy of the eight bytes, so lanes 4-7 use the same byte numbers as a 128-bit path.</summary>
    internal static (Vector256<byte> Shuffle, Vector256<uint> Shifts) Spreading(int bits)
    {
        var shuffle = new byte[32];
        var shifts = new uint[Lanes];
        for (var k = 0; k < Lanes; k++)
        {
            var first = k * bits / 8;
            shuffle[4 * k] = (byte)first;
            shuffle[4 * k + 1] = (byte)(first + 1);
            shuffle[4 * k + 2] = 0x80;
            shuffle[4 * k + 3] = 0x80;
            shifts[k] = (uint)(k * bits % 8);
        }
        return (Vector256.Create(shuffle), Vector256.Create(shifts));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (!Supports(Format, columns))
        {
            (_rowDecode ??= new RowDecodeKernel(Format)).Multiply(matrix, columns, firstRow, x, y, path);
            return;
        }
        if (path == KernelPath.Scalar)
        {
            PackedIntReference.Multiply(Format, matrix, columns, firstRow, x, y);
            return;
        }
        if (x.Length < columns) throw new ArgumentException("the input is shorter than a row");
        var rowBytes = checked((int)Format.RowBytes(columns));
        if (matrix.Length < (long)(firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");
        var group = Format.GroupLength(columns);
        var groups = (columns + group - 1) / group;
        Span<float> sums = groups <= 1024 ? stackalloc float[groups] : new float[groups];
        if (_asymmetric)
        {
            for (var g = 0; g < groups; g++) sums[g] = VectorDot.Sum(x.Slice(g * group, Math.Min(group, columns - g * group)));
        }
        var layout = new RowLayout(columns, group, GroupedIntLayout.GroupBytes(Format, group), _header, _bits);
        var wide = path == KernelPath.Vector256 && Avx2.IsSupported;
        // Rows whose 8-byte reads could pass the matrix's end run from a copy with room after it.
        var unpadded = Math.Clamp((int)((matrix.Length - Padding) / rowBytes) - firstRow, 0, y.Length);
        Span<byte> padded = unpadded == y.Length ? [] : rowBytes + Padding <= 4096 ? stackalloc byte[rowBytes + Padding] : new byte[rowBytes + Padding];
        fixed (byte* m = matrix)
        fixed (byte* copy = padded)
        fixed (float* xs = x)
        fixed (float* s = sums)
        {
            for (var i = 0; i < y.Length; i++)
            {
                var row = m + (long)(firstRow + i) * rowBytes;
                if (i >= unpadded)
                {
                    new ReadOnlySpan<byte>(row, rowBytes).CopyTo(padded);
                    row = copy;
                }
                y[i] = wide ? Row256(row, layout, xs, s) : Row128(row, layout, xs, s);
            }
        }
    }

    private readonly record struct RowLayout(int Columns, int Group, int GroupBytes, int Header, int Bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Scale(byte* group) => HalfVector.ToSingle(Unsafe.ReadUnaligned<ushort>(group + GroupedIntLayout.ScaleOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Minimum(byte* group) => HalfVector.ToSingle(Unsafe.ReadUnaligned<ushort>(group + GroupedIntLayout.MinimumOffset));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Row256(byte* row, RowLayout layout, float* x, float* sums)
    {
        var shuffle = _shuffle;
        var shifts = _shifts;
        var mask = Vector256.Create((uint)((1 << _bits) - 1));
        var offset = Vector256.Create(_offset);
        var bits = layout.Bits;
        var accumulator = Vector256<float>.Zero;
        var bias = 0f;
        int start = 0, g = 0;
        if (layout.Group == 4 * Lanes)
        {
            // Whole groups of 32, one multiply-add per accumulator: the general loop's steps, without its
            // loop and tests, which cost as much as a group's arithmetic.
            for (; start + 4 * Lanes <= layout.Columns; start += 4 * Lanes, g++)
            {
                var at = row + (long)g * layout.GroupBytes;
                var c = at + layout.Header;
                var v = x + start;
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                Step256(c, v, bits, shuffle, shifts, mask, offset, ref a0, ref a1, ref a2, ref a3);
                accumulator = Vector256.FusedMultiplyAdd((a0 + a1) + (a2 + a3), Vector256.Create(Scale(at)), accumulator);
                if (_asymmetric) bias += Minimum(at) * sums[g];
            }
        }
        for (; start < layout.Columns; start += layout.Group, g++)
        {
            var at = row + (long)g * layout.GroupBytes;
            var c = at + layout.Header;
            var v = x + start;
            var stop = x + Math.Min(start + layout.Group, layout.Columns);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; v + 4 * Lanes <= stop; v += 4 * Lanes, c += 4 * bits)
                Step256(c, v, bits, shuffle, shifts, mask, offset, ref a0, ref a1, ref a2, ref a3);
            if (v < stop)
            {
                a0 = Vector256.FusedMultiplyAdd(Weights256(c, shuffle, shifts, mask, offset), Vector256.Load(v), a0);
                if (v + Lanes < stop)
                {
                    a1 = Vector256.FusedMultiplyAdd(Weights256(c + bits, shuffle, shifts, mask, offset), Vector256.Load(v + Lanes), a1);
                    if (v + 2 * Lanes < stop) a2 = Vector256.FusedMultiplyAdd(Weights256(c + 2 * bits, shuffle, shifts, mask, offset), Vector256.Load(v + 2 * Lanes), a2);
                }
            }
            accumulator = Vector256.FusedMultiplyAdd((a0 + a1) + (a2 + a3), Vector256.Create(Scale(at)), accumulator);
            if (_asymmetric) bias += Minimum(at) * sums[g];
        }
        return LaneSum.InReferenceOrder(accumulator) + bias;
    }

    // Thirty-two weights: four runs of eight codes, each multiply-added with its eight inputs into its own accumulator.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(byte* c, float* v, int bits, Vector256<byte> shuffle, Vector256<uint> shifts, Vector256<uint> mask, Vector256<int> offset,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3)
    {
        a0 = Vector256.FusedMultiplyAdd(Weights256(c, shuffle, shifts, mask, offset), Vector256.Load(v), a0);
        a1 = Vector256.FusedMultiplyAdd(Weights256(c + bits, shuffle, shifts, mask, offset), Vector256.Load(v + Lanes), a1);
        a2 = Vector256.FusedMultiplyAdd(Weights256(c + 2 * bits, shuffle, shifts, mask, offset), Vector256.Load(v + 2 * Lanes), a2);
        a3 = Vector256.FusedMultiplyAdd(Weights256(c + 3 * bits, shuffle, shifts, mask, offset), Vector256.Load(v + 3 * Lanes), a3);
    }

    // Eight codes as eight floats (code − offset). One sequence for every width (an 8-bit code is its own
    // byte, shifted by 0): a branch per eight codes costs more than the shuffle it would save.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Weights256(byte* codes, Vector256<byte> shuffle, Vector256<uint> shifts, Vector256<uint> mask, Vector256<int> offset)
    {
        var bytes = Vector256.Create(Unsafe.ReadUnaligned<ulong>(codes)).AsByte();
        var spread = Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, shuffle).AsUInt32(), shifts) & mask;
        return Avx.ConvertToVector256Single(spread.AsInt32() - offset);
    }

    // 128-bit path (NEON on arm64, SSE on x64): lanes 0-3 and 4-7 in two vectors, the same operations.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Row128(byte* row, RowLayout layout, float* x, float* sums)
    {
        var spreading = new Spreading128(_shuffle, _shifts, Vector128.Create((uint)((1 << _bits) - 1)), Vector128.Create(_offset));
        var bits = layout.Bits;
        Vector128<float> low = default, high = default;
        var bias = 0f;
        int start = 0, g = 0;
        if (layout.Group == 4 * Lanes)
        {
            for (; start + 4 * Lanes <= layout.Columns; start += 4 * Lanes, g++)
            {
                var at = row + (long)g * layout.GroupBytes;
                var c = at + layout.Header;
                var v = x + start;
                Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector128<float> b0 = default, b1 = default, b2 = default, b3 = default;
                Step128(c, v, bits, spreading, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
                var scale = Vector128.Create(Scale(at));
                low = Vector128.FusedMultiplyAdd((a0 + a1) + (a2 + a3), scale, low);
                high = Vector128.FusedMultiplyAdd((b0 + b1) + (b2 + b3), scale, high);
                if (_asymmetric) bias += Minimum(at) * sums[g];
            }
        }
        for (; start < layout.Columns; start += layout.Group, g++)
        {
            var at = row + (long)g * layout.GroupBytes;
            var c = at + layout.Header;
            var v = x + start;
            var stop = x + Math.Min(start + layout.Group, layout.Columns);
            Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector128<float> b0 = default, b1 = default, b2 = default, b3 = default;
            for (; v + 4 * Lanes <= stop; v += 4 * Lanes, c += 4 * bits)
                Step128(c, v, bits, spreading, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            if (v < stop)
            {
                Accumulate128(c, v, spreading, ref a0, ref b0);
                if (v + Lanes < stop)
                {
                    Accumulate128(c + bits, v + Lanes, spreading, ref a1, ref b1);
                    if (v + 2 * Lanes < stop) Accumulate128(c + 2 * bits, v + 2 * Lanes, spreading, ref a2, ref b2);
                }
            }
            var scale = Vector128.Create(Scale(at));
            low = Vector128.FusedMultiplyAdd((a0 + a1) + (a2 + a3), scale, low);
            high = Vector128.FusedMultiplyAdd((b0 + b1) + (b2 + b3), scale, high);
            if (_asymmetric) bias += Minimum(at) * sums[g];
        }
        Span<float> lanes = stackalloc float[Lanes];
        low.StoreUnsafe(ref lanes[0]);
        high.StoreUnsafe(ref lanes[4]);
        return PackedIntReference.Sum(lanes) + bias;
    }

    private readonly struct Spreading128(Vector256<byte> shuffle, Vector256<uint> shifts, Vector128<uint> mask, Vector128<int> offset)
    {
        public readonly Vector128<byte> LowShuffle = shuffle.GetLower();
        public readonly Vector128<byte> HighShuffle = shuffle.GetUpper();
        public readonly Vector128<uint> LowShifts = shifts.GetLower();
        public readonly Vector128<uint> HighShifts = shifts.GetUpper();
        public readonly Vector128<uint> Mask = mask;
        public readonly Vector128<int> Offset = offset;
    }

    // Thirty-two weights, as Step256 in two halves of four lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step128(byte* c, float* v, int bits, in Spreading128 spreading,
        ref Vector128<float> a0, ref Vector128<float> a1, ref Vector128<float> a2, ref Vector128<float> a3,
        ref Vector128<float> b0, ref Vector128<float> b1, ref Vector128<float> b2, ref Vector128<float> b3)
    {
        Accumulate128(c, v, spreading, ref a0, ref b0);
        Accumulate128(c + bits, v + Lanes, spreading, ref a1, ref b1);
        Accumulate128(c + 2 * bits, v + 2 * Lanes, spreading, ref a2, ref b2);
        Accumulate128(c + 3 * bits, v + 3 * Lanes, spreading, ref a3, ref b3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate128(byte* codes, float* x, in Spreading128 spreading, ref Vector128<float> low, ref Vector128<float> high)
    {
        var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(codes)).AsByte();
        var first = ShiftRight(Lookup(bytes, spreading.LowShuffle).AsUInt32(), spreading.LowShifts) & spreading.Mask;
        var second = ShiftRight(Lookup(bytes, spreading.HighShuffle).AsUInt32(), spreading.HighShifts) & spreading.Mask;
        low = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(first.AsInt32() - spreading.Offset), Vector128.Load(x), low);
        high = Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(second.AsInt32() - spreading.Offset), Vector128.Load(x + 4), high);
    }

    // A byte index of 0x80 gives 0 on every instruction set (tbl: out of range; pshufb: high bit set).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lookup(Vector128<byte> bytes, Vector128<byte> indices) =>
        AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.VectorTableLookup(bytes, indices)
        : Ssse3.IsSupported ? Ssse3.Shuffle(bytes, indices)
        : Vector128.Shuffle(bytes, indices);

    // ushl shifts right by a negative count; vpsrlvd needs AVX2; otherwise lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> ShiftRight(Vector128<uint> value, Vector128<uint> counts) =>
        AdvSimd.IsSupported ? AdvSimd.ShiftLogical(value, Vector128<int>.Zero - counts.AsInt32())
        : Avx2.IsSupported ? Avx2.ShiftRightLogicalVariable(value, counts)
        : Vector128.Create(value[0] >> (int)counts[0], value[1] >> (int)counts[1], value[2] >> (int)counts[2], value[3] >> (int)counts[3]);
}
