using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Kernels;

public class PackedIntKernelTests
{
    public static TheoryData<string> WeightOnlyIntegerFormats() =>
        [.. QuantFormats.All.Where(f => !f.QuantizesActivations && f.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric).Select(f => f.Name)];

    // Model widths, a row whose last group is short (40 = 32 + 8; 192 = 128 + 64), the shortest row, and a
    // long one; the product always reaches the matrix's last row, whose reads run from the padded copy.
    private static readonly (int Rows, int Columns)[] Shapes = [(9, 192), (3, 768), (5, 40), (4, 8), (2, 4096 + 64)];

    [Theory]
    [MemberData(nameof(WeightOnlyIntegerFormats))]
    public void Every_vector_path_equals_the_reference_bit_for_bit_on_random_weights(string name)
    {
        var format = QuantFormats.Get(name);
        foreach (var (rows, columns) in Shapes)
        {
            var (matrix, x) = MatVecKernelTests.RandomProblem(format, rows, columns, seed: rows + columns);
            AssertEveryPathEqualsTheReference(format, matrix, rows, columns, x);
        }
    }

    [Theory]
    [MemberData(nameof(WeightOnlyIntegerFormats))]
    public void Every_vector_path_equals_the_reference_bit_for_bit_on_extreme_codes_and_inputs(string name)
    {
        var format = QuantFormats.Get(name);
        foreach (var (rows, columns) in Shapes)
        {
            // Every code at its largest, every code 0, and random bytes (any code a file can hold), under
            // the largest finite fp16 scale and minimum, with inputs of both signs up to 1e3, -0 and subnormals.
            foreach (var fill in new Func<Random, byte>[] { _ => 0xFF, _ => 0, r => (byte)r.Next(256) })
            {
                var random = new Random(columns);
                var matrix = Enumerable.Range(0, rows * (int)format.RowBytes(columns)).Select(_ => fill(random)).ToArray();
                WriteHeaders(format, matrix, rows, columns, Half.MaxValue, -Half.MaxValue);
                var x = Enumerable.Range(0, columns).Select(c => (c % 5) switch
                {
                    0 => -0f,
                    1 => float.Epsilon * c,
                    2 => 1e3f,
                    3 => -1e3f,
                    _ => (float)(random.NextDouble() * 2 - 1),
                }).ToArray();
                AssertEveryPathEqualsTheReference(format, matrix, rows, columns, x);
            }
        }
    }

    [Theory]
    [InlineData("int3", 100)]
    [InlineData("int5_g32", 36)]
    [InlineData("int6_g32_asym", 4)]
    public void Rows_that_are_no_multiple_of_eight_give_the_row_decode_kernels_results(string name, int columns)
    {
        var format = QuantFormats.Get(name);
        var (matrix, x) = MatVecKernelTests.RandomProblem(format, 6, columns, seed: 3);
        Assert.False(PackedIntKernel.Supports(format, columns));
        foreach (var path in KernelPaths.Supported)
        {
            var expected = new float[6];
            new RowDecodeKernel(format).Multiply(matrix, columns, 0, x, expected, path);
            var actual = new float[6];
            new PackedIntKernel(format).Multiply(matrix, columns, 0, x, actual, path);
            Assert.Equal(Bits(expected), Bits(actual));
        }
    }

    [Fact]
    public void The_reference_agrees_with_decoding_the_row_and_a_double_precision_dot_product()
    {
        foreach (var name in new[] { "int2", "int3_g32", "int5_g64_asym", "int6", "int8_g32" })
        {
            var format = QuantFormats.Get(name);
            var (matrix, x) = MatVecKernelTests.RandomProblem(format, 4, 256, seed: 11);
            var decoded = new float[4 * 256];
            QuantCodecs.For(format).Decode(matrix, 4, 256, decoded);
            var actual = new float[4];
            PackedIntReference.Multiply(format, matrix, 256, 0, x, actual);
            for (var r = 0; r < 4; r++)
            {
                var exact = Enumerable.Range(0, 256).Sum(c => (double)decoded[r * 256 + c] * x[c]);
                var magnitude = Enumerable.Range(0, 256).Sum(c => Math.Abs((double)decoded[r * 256 + c] * x[c]));
                Assert.True(Math.Abs(actual[r] - exact) <= 1e-5 * magnitude, $"{name} row {r}: {actual[r]} against {exact}");
            }
        }
    }

    [Theory]
    [InlineData("int2_g32", 0)]
    [InlineData("int2_g32", 2)]
    public void A_matrix_shorter_than_the_rows_asked_for_is_refused_on_every_path(string name, int firstRow)
    {
        var format = QuantFormats.Get(name);
        var (matrix, x) = MatVecKernelTests.RandomProblem(format, 4, 64, seed: 1);
        foreach (var path in KernelPaths.Supported)
            Assert.Throws<ArgumentException>(() => new PackedIntKernel(format).Multiply(matrix, 64, firstRow, x, new float[5 - firstRow], path));
    }

    private static void AssertEveryPathEqualsTheReference(QuantFormat format, byte[] matrix, int rows, int columns, float[] x)
    {
        // From row 1 to the end: an offset first row, and the matrix's last row.
        var expected = new float[rows - 1];
        PackedIntReference.Multiply(format, matrix, columns, 1, x, expected);
        // Per-channel 8- and 4-bit rows are routed to FusedIntKernel, but this kernel serves them as well.
        var kernel = new PackedIntKernel(format);
        foreach (var path in KernelPaths.Supported)
        {
            var actual = new float[rows - 1];
            kernel.Multiply(matrix, columns, 1, x, actual, path);
            Assert.True(Bits(expected).SequenceEqual(Bits(actual)),
                $"{format} {rows}x{columns} {path}: [{string.Join(", ", actual)}], the reference [{string.Join(", ", expected)}]");
        }
    }

    private static void WriteHeaders(QuantFormat format, byte[] matrix, int rows, int columns, Half scale, Half minimum)
    {
        var rowBytes = (int)format.RowBytes(columns);
        var group = format.GroupLength(columns);
        for (var r = 0; r < rows; r++)
        {
            var at = r * rowBytes;
            for (var start = 0; start < columns; start += group)
            {
                at += GroupedIntLayout.WriteHeader(format, matrix.AsSpan(at), scale, minimum);
                at += BitPacking.PackedLength(Math.Min(group, columns - start), format.Bits);
            }
        }
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
