using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// A8 products for sign weights (<c>sign1_a8</c>: one bit per weight, +1 or −1): the input is quantized once
/// per call (<see cref="ActivationQuantization"/>) and each group of 32 input codes is added where the weight
/// is +1 and subtracted where it is −1, with no multiply of weight by input; one float multiply per group
/// by the input's scale, in exactly the operations of <see cref="IntegerActivationReference"/> (tested bit for
/// bit on every path). A group's 32 bits are spread to 32 byte masks (a byte shuffle, an and, a compare).
/// AVX2 applies them with <c>vpsignb</c> (±q) and sums bytes with <c>vpmaddubsw</c> by ones and
/// <c>vpmaddwd</c> by ones (additions); the 128-bit path (NEON on arm64) selects q or −q and widens to add.
/// Rows whose length is no multiple of 32 run the reference on every path.
/// </summary>
public sealed unsafe class SignActivationKernel : IMatVecKernel
{
    private const int Group = ActivationQuantization.GroupSize;

    /// <summary>Creates the kernel of the sign format with integer activations.</summary>
    public SignActivationKernel(QuantFormat format)
    {
        if (format.Scheme != QuantScheme.Sign || !format.QuantizesActivations) throw new ArgumentException($"{format} is not the sign format with integer activations");
        Format = format;
    }

    /// <inheritdoc />
    public QuantFormat Format { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<byte> matrix, int columns, int firstRow, ReadOnlySpan<float> x, Span<float> y, KernelPath path)
    {
        if (x.Length < columns) throw new ArgumentException("the input is shorter than a row");
        if (path == KernelPath.Scalar || !IntegerActivationKernel.Vectorizes(columns))
        {
            IntegerActivationReference.Multiply(Format, matrix, columns, firstRow, x, y);
            return;
        }
        var rowBytes = Format.RowBytes(columns);
        if (matrix.Length < (firstRow + y.Length) * rowBytes) throw new ArgumentException("matrix holds fewer rows than asked for");
        var groups = columns / Group;
        Span<sbyte> codes = columns <= 4096 ? stackalloc sbyte[columns] : new sbyte[columns];
        // Scales padded with zeros to whole vectors of eight groups, for the last vector of a row.
        var padded = (groups + IntegerActivationReference.Lanes - 1) / IntegerActivationReference.Lanes * IntegerActivationReference.Lanes;
        Span<float> scales = padded <= 1024 ? stackalloc float[padded] : new float[padded];
        scales.Clear();
        ActivationQuantization.Quantize(x[..columns], codes, scales);
        var avx2 = path == KernelPath.Vector256 && Avx2.IsSupported;
        fixed (byte* m = matrix)
        fixed (sbyte* q = codes)
        fixed (float* s = scales)
        {
            for (var i = 0; i < y.Length; i++)
            {
                var row = m + (firstRow + i) * rowBytes;
                y[i] = avx2 ? Row256(row, groups, q, s) : Row128(row, groups, q, s);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row256(byte* bits, int groups, sbyte* q, float* scales)
    {
        var accumulator = Vector256<float>.Zero;
        var g = 0;
        for (; g + 8 <= groups; g += 8)
        {
            var input = q + g * Group;
            var at = bits + g * 4;
            var dots = IntegerActivationKernel.Reduce8(Dot256(at, input), Dot256(at + 4, input + Group), Dot256(at + 8, input + 2 * Group), Dot256(at + 12, input + 3 * Group),
                Dot256(at + 16, input + 4 * Group), Dot256(at + 20, input + 5 * Group), Dot256(at + 24, input + 6 * Group), Dot256(at + 28, input + 7 * Group));
            // The weight scale of a sign row is 1, and 1·s = s exactly.
            accumulator += Vector256.Load(scales + g) * Vector256.ConvertToSingle(dots);
        }
        if (g < groups)
        {
            // The last groups (fewer than eight) as in IntegerActivationKernel: lanes past the row's end add −0.
            var left = groups - g;
            var d = stackalloc Vector256<int>[IntegerActivationReference.Lanes];
            for (var k = 0; k < IntegerActivationReference.Lanes; k++) d[k] = k < left ? Dot256(bits + (g + k) * 4, q + (g + k) * Group) : Vector256<int>.Zero;
            var dots = IntegerActivationKernel.Reduce8(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
            var inRow = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(left)).AsSingle();
            accumulator += Vector256.ConditionalSelect(inRow, Vector256.Load(scales + g) * Vector256.ConvertToSingle(dots), Vector256.Create(-0f));
        }
        return LaneSum.InReferenceOrder(accumulator);
    }

    // Σ ±q over 32 elements, as eight int32 partial sums: byte j of the group's 32 bits is spread over elements
    // 8j..8j+7, each lane's bit isolated and compared, giving +1 (bit set) or −1 per element for vpsignb.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Dot256(byte* bits, sbyte* q)
    {
        var spread = Avx2.Shuffle(Vector256.Create(Unsafe.ReadUnaligned<uint>(bits)).AsByte(),
            Vector256.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3));
        var bit = Vector256.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var set = Avx2.CompareEqual(spread & bit, bit);
        var signs = (~set | Vector256.Create((byte)1)).AsSByte();
        var signed = Avx2.Sign(Avx.LoadVector256(q), signs);
        return Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Create((byte)1), signed), Vector256.Create((short)1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Row128(byte* bits, int groups, sbyte* q, float* scales)
    {
        Span<float> lanes = stackalloc float[IntegerActivationReference.Lanes];
        lanes.Clear();
        for (var g = 0; g < groups; g++)
        {
            var dot = Dot128(bits + g * 4, q + g * Group) + Dot128(bits + g * 4 + 2, q + g * Group + 16);
            lanes[g % IntegerActivationReference.Lanes] += scales[g] * dot;
        }
        return IntegerActivationReference.Sum(lanes);
    }

    // Σ ±q over 16 elements whose signs are the 16 bits at bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dot128(byte* bits, sbyte* q)
    {
        var spread = Vector128.Shuffle(Vector128.Create(Unsafe.ReadUnaligned<ushort>(bits)).AsByte(),
            Vector128.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1));
        var bit = Vector128.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var set = Vector128.Equals(spread & bit, bit).AsSByte();
        var input = Vector128.Load(q);
        var (low, high) = Vector128.Widen(Vector128.ConditionalSelect(set, input, -input));
        var (a, b) = Vector128.Widen(low + high);
        return Vector128.Sum(a + b);
    }
}
