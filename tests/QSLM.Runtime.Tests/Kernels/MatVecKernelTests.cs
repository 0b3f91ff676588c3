using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Kernels;

public class MatVecKernelTests
{
    public static TheoryData<string> Formats() => [.. QuantFormats.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_vector_path_matches_the_scalar_reference_for_every_format(string name)
    {
        var format = QuantFormats.Get(name);
        // Per-channel rows of the model's widths, a row that is no multiple of 32, and one long row.
        foreach (var (rows, columns) in new[] { (37, 192), (5, 768), (4, 100), (3, 4096 + 64) })
        {
            var (matrix, x) = RandomProblem(format, rows, columns, seed: rows * 7 + columns);
            var expected = new float[rows];
            ScalarMatVec.Multiply(format, matrix, columns, 0, x, expected);
            var scale = MagnitudeBound(format, matrix, rows, columns, x);
            foreach (var path in KernelPaths.Supported)
            {
                var actual = new float[rows];
                MatVecKernels.For(format, columns).Multiply(matrix, columns, 0, x, actual, path);
                for (var r = 0; r < rows; r++)
                {
                    Assert.True(Math.Abs(actual[r] - expected[r]) <= 1e-5 * scale[r] + 1e-6,
                        $"{name} {rows}x{columns} {path}: row {r} gives {actual[r]}, the reference {expected[r]}");
                }
            }
        }
    }

    [Theory]
    [InlineData("fp32")]
    [InlineData("int8")]
    [InlineData("int4_g32")]
    [InlineData("int4_g64_asym")]
    [InlineData("int3")]
    public void Rows_from_an_offset_equal_the_same_rows_of_the_whole_product(string name)
    {
        var format = QuantFormats.Get(name);
        var (matrix, x) = RandomProblem(format, 40, 192, seed: 5);
        var kernel = MatVecKernels.For(format, 192);
        var whole = new float[40];
        kernel.Multiply(matrix, 192, 0, x, whole, KernelPaths.Best);
        var part = new float[9];
        kernel.Multiply(matrix, 192, 17, x, part, KernelPaths.Best);
        Assert.Equal(whole.AsSpan(17, 9).ToArray(), part);
    }

    [Theory]
    [InlineData("int8", 192, typeof(FusedIntKernel))]
    [InlineData("int4", 768, typeof(FusedIntKernel))]
    [InlineData("int4_g32", 192, typeof(PackedIntKernel))]
    [InlineData("int8_g128_asym", 768, typeof(PackedIntKernel))]
    [InlineData("int4_g128", 192, typeof(PackedIntKernel))]
    [InlineData("int6", 192, typeof(PackedIntKernel))]
    [InlineData("int5_g64_asym", 192, typeof(PackedIntKernel))]
    [InlineData("int3", 40, typeof(PackedIntKernel))]
    [InlineData("int2_g32", 768, typeof(PackedIntKernel))]
    [InlineData("int4", 100, typeof(RowDecodeKernel))]
    [InlineData("int3", 100, typeof(RowDecodeKernel))]
    [InlineData("fp16", 192, typeof(RowDecodeKernel))]
    [InlineData("fp32", 192, typeof(Fp32Kernel))]
    [InlineData("sign1", 192, typeof(SignKernel))]
    [InlineData("sign1", 100, typeof(SignKernel))]
    public void Per_channel_8_and_4_bit_rows_of_whole_32_element_groups_take_the_fused_kernel_other_integer_rows_of_whole_8_element_groups_the_packed_one_and_sign_rows_their_own(string name, int columns, Type expected)
    {
        Assert.IsType(expected, MatVecKernels.For(QuantFormats.Get(name), columns));
    }

    [Fact]
    public void The_sign_kernel_gives_the_row_decode_kernels_results_bit_for_bit_on_every_path()
    {
        var format = QuantFormats.Get("sign1");
        // Lengths that end on every branch: the 32-wide loop, the 8- and 4-wide ones, the scalar tail.
        foreach (var columns in new[] { 192, 193, 70, 768, 4096 + 64, 44, 12, 7, 5, 3, 1 })
        {
            var (matrix, x) = RandomProblem(format, 9, columns, seed: columns);
            x[0] = -0f;
            foreach (var path in KernelPaths.Supported)
            {
                var expected = new float[6];
                new RowDecodeKernel(format).Multiply(matrix, columns, 3, x, expected, path);
                var actual = new float[6];
                new SignKernel(format).Multiply(matrix, columns, 3, x, actual, path);
                Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Fact]
    public void Dot_products_agree_with_a_double_precision_sum_for_every_length_and_path()
    {
        var random = new Random(2);
        for (var n = 0; n <= 70; n++)
        {
            var a = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var exact = a.Zip(b).Sum(p => (double)p.First * p.Second);
            foreach (var path in KernelPaths.Supported)
                Assert.True(Math.Abs(VectorDot.Dot(a, b, path) - exact) <= 1e-5 * n + 1e-7, $"n={n} {path}");
        }
    }

    [Fact]
    public void A_matrix_shorter_than_the_rows_asked_for_is_refused()
    {
        var format = QuantFormats.Get("int4_g32");
        var (matrix, x) = RandomProblem(format, 4, 64, seed: 1);
        Assert.Throws<ArgumentException>(() => new FusedIntKernel(format).Multiply(matrix, 64, 2, x, new float[3], KernelPaths.Best));
    }

    internal static (byte[] Matrix, float[] X) RandomProblem(QuantFormat format, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1) * (1 + seed % 3)).ToArray();
        var x = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        return (QuantCodecs.Encode(format, weights, rows, columns), x);
    }

    // Σ|w·x| per row: the scale that float rounding of a dot product is proportional to.
    private static double[] MagnitudeBound(QuantFormat format, byte[] matrix, int rows, int columns, float[] x)
    {
        var decoded = new float[rows * columns];
        QuantCodecs.For(format).Decode(matrix, rows, columns, decoded);
        return Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Sum(c => Math.Abs((double)decoded[r * columns + c] * x[c]))).ToArray();
    }
}
