using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Runtime.Kernels;

/// <summary>
/// Checks, on the processor it runs on, that every vector path of the kernels whose scalar reference is
/// bit-exact (<see cref="IntegerActivationKernel"/> and <see cref="SignActivationKernel"/> against
/// <see cref="IntegerActivationReference"/>, <see cref="PackedIntKernel"/> against
/// <see cref="PackedIntReference"/>) gives the reference's bits: on random weights, on the largest, smallest
/// and random codes under the largest finite fp16 scale, and on inputs whose activation codes saturate. A
/// board runs it (<c>qslm-agent selftest kernels</c>) because which instructions run (e.g. <c>sdot</c>)
/// depends on its core, which the host's tests cannot reach.
/// </summary>
public static class KernelSelfCheck
{
    private static readonly (int Rows, int Columns)[] Shapes = [(5, 32), (3, 96), (2, 768)];

    /// <summary>The formats checked: every A8 format and every weight-only integer format.</summary>
    public static IEnumerable<QuantFormat> Formats() => QuantFormats.All.Where(f =>
        f.QuantizesActivations ? f.Scheme == QuantScheme.Sign || IntegerActivationKernel.Serves(f)
        : f.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric);

    /// <summary>Runs the check for every format of <see cref="Formats"/> on every accelerated path here.</summary>
    public static IReadOnlyList<KernelCheck> Run() =>
        [.. KernelPaths.Supported.Where(p => p != KernelPath.Scalar).SelectMany(path => Formats().Select(format => Check(format, path)))];

    /// <summary>Checks <paramref name="format"/> on <paramref name="path"/>.</summary>
    public static KernelCheck Check(QuantFormat format, KernelPath path) => Check(format, path, Kernel(format));

    /// <summary>Checks <paramref name="kernel"/> as the kernel of <paramref name="format"/> on <paramref name="path"/>.</summary>
    public static KernelCheck Check(QuantFormat format, KernelPath path, IMatVecKernel kernel)
    {
        var problems = 0;
        var mismatches = 0;
        foreach (var (rows, columns) in Shapes)
        {
            foreach (var (matrix, x) in Problems(format, rows, columns))
            {
                var expected = new float[rows];
                Reference(format, matrix, columns, x, expected);
                var actual = new float[rows];
                kernel.Multiply(matrix, columns, 0, x, actual, path);
                problems++;
                if (!expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits))) mismatches++;
            }
        }
        return new KernelCheck(format.Name, path, kernel.GetType().Name, problems, mismatches);
    }

    private static IMatVecKernel Kernel(QuantFormat format) => format.QuantizesActivations
        ? format.Scheme == QuantScheme.Sign ? new SignActivationKernel(format) : new IntegerActivationKernel(format)
        : new PackedIntKernel(format);

    private static void Reference(QuantFormat format, byte[] matrix, int columns, float[] x, float[] y)
    {
        if (format.QuantizesActivations) IntegerActivationReference.Multiply(format, matrix, columns, 0, x, y);
        else PackedIntReference.Multiply(format, matrix, columns, 0, x, y);
    }

    private static IEnumerable<(byte[] Matrix, float[] X)> Problems(QuantFormat format, int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        var weights = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var x = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        yield return (QuantCodecs.Encode(QuantFormats.WeightOnly(format), weights, rows, columns), x);
        // Inputs of equal magnitude and alternating sign: every activation code at ±127.
        var saturating = Enumerable.Range(0, columns).Select(c => c % 2 == 0 ? 1e3f : -1e3f).ToArray();
        foreach (var fill in new Func<byte>[] { () => 0xFF, () => 0, () => (byte)random.Next(256) })
        {
            var matrix = Enumerable.Range(0, rows * (int)format.RowBytes(columns)).Select(_ => fill()).ToArray();
            WriteHeaders(format, matrix, rows, columns);
            yield return (matrix, saturating);
            yield return (matrix, x);
        }
    }

    // The largest finite scale (and the most negative minimum): any other header bytes could be infinite or NaN.
    private static void WriteHeaders(QuantFormat format, byte[] matrix, int rows, int columns)
    {
        if (GroupedIntLayout.HeaderBytes(format) == 0) return;
        var rowBytes = (int)format.RowBytes(columns);
        var group = format.GroupLength(columns);
        for (var r = 0; r < rows; r++)
        {
            var at = r * rowBytes;
            for (var start = 0; start < columns; start += group)
            {
                at += GroupedIntLayout.WriteHeader(format, matrix.AsSpan(at), Half.MaxValue, -Half.MaxValue);
                at += BitPacking.PackedLength(Math.Min(group, columns - start), format.Bits);
            }
        }
    }
}
