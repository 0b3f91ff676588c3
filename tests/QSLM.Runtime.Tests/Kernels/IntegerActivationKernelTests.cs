using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Runtime.Kernels;
using QSLM.Runtime.Tests.Fixtures;

namespace QSLM.Runtime.Tests.Kernels;

public class IntegerActivationKernelTests
{
    public static TheoryData<string> A8Formats() => [.. QuantFormats.All.Where(f => f.QuantizesActivations).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(A8Formats))]
    public void Every_path_equals_the_scalar_reference_bit_for_bit_on_the_reference_models_matrices(string name)
    {
        var format = QuantFormats.Get(name);
        foreach (var tensor in new[] { "blocks.0.att.key.weight", "blocks.1.ffn.value.weight", "head.weight" })
        {
            var (weights, rows, columns) = SafetensorsMatrices.Read(RepositoryFiles.ReferenceLm, tensor);
            rows = Math.Min(rows, 300);
            var matrix = QuantCodecs.Encode(format, weights.AsSpan(0, rows * columns), rows, columns);
            // A LayerNorm-like input: mostly small, a few large channels, some exact zeros.
            var random = new Random(columns);
            var x = Enumerable.Range(0, columns).Select(c => c % 37 == 0 ? 0f : (float)((random.NextDouble() * 2 - 1) * (c % 11 == 0 ? 8 : 1))).ToArray();
            AssertPathsEqualReference(format, matrix, rows, columns, x, tensor);
        }
    }

    [Theory]
    [MemberData(nameof(A8Formats))]
    public void Every_path_equals_the_scalar_reference_bit_for_bit_on_random_rows_of_every_length(string name)
    {
        var format = QuantFormats.Get(name);
        // Whole groups, 8-group blocks with and without a remainder, a row no multiple of 32, a long row.
        foreach (var (rows, columns) in new[] { (7, 256), (5, 96), (3, 768), (4, 100), (2, 4096 + 64), (3, 32) })
        {
            var (matrix, x) = MatVecKernelTests.RandomProblem(format, rows, columns, seed: rows + columns);
            AssertPathsEqualReference(format, matrix, rows, columns, x, $"{rows}x{columns}");
        }
    }

    [Theory]
    [MemberData(nameof(A8Formats))]
    public void Extreme_codes_and_activations_give_the_exact_integer_sum_on_every_path(string name)
    {
        // Weight scales of 1 and inputs of exactly ±127 (an input scale of 1): the product is then the exact
        // integer Σ (code − offset)·q (Σ ±q for signs), which a saturating vpmaddubsw or an int16 overflow would
        // miss. Every code byte a file can hold is tried, including those no encoder writes (255 for 8 bits).
        var format = QuantFormats.Get(name);
        const int columns = 256;
        var codePatterns = new Func<int, int, int>[]
        {
            (r, c) => (1 << format.Bits) - 1,
            (r, c) => 0,
            (r, c) => c % 2 == 0 ? (1 << format.Bits) - 1 : 0,
            (r, c) => (r * 31 + c * 7) % (1 << format.Bits),
        };
        var inputs = new Func<int, float>[] { c => 127f, c => -127f, c => c % 2 == 0 ? 127f : -127f, c => c % 3 == 0 ? -127f : 127f };
        var rows = codePatterns.Length;
        var matrix = RawMatrix(format, rows, columns, codePatterns);
        var offset = GroupedIntLayout.CodeOffset(format);
        int Weight(int code) => format.Scheme == QuantScheme.Sign ? 2 * code - 1 : code - offset;
        foreach (var input in inputs)
        {
            var x = Enumerable.Range(0, columns).Select(input).ToArray();
            foreach (var path in KernelPaths.Supported)
            {
                var y = new float[rows];
                MatVecKernels.For(format, columns).Multiply(matrix, columns, 0, x, y, path);
                for (var r = 0; r < rows; r++)
                {
                    long exact = 0;
                    for (var c = 0; c < columns; c++) exact += Weight(codePatterns[r](r, c)) * (long)x[c];
                    Assert.True(exact == y[r], $"{name} {path} row {r}: {y[r]}, exactly {exact}");
                }
            }
        }
    }

    [Fact]
    public void The_integer_activation_kernels_serve_every_a8_format_and_sign_weights_have_their_own()
    {
        foreach (var format in QuantFormats.All.Where(f => f.QuantizesActivations))
        {
            Assert.IsType(format.Scheme == QuantScheme.Sign ? typeof(SignActivationKernel) : typeof(IntegerActivationKernel), MatVecKernels.For(format, 256));
        }
    }

    [Fact]
    public void Three_bit_codes_spread_to_bytes_without_bmi2_exactly_as_pdep_does()
    {
        // Every arm64 board takes the portable spread; on a processor with BMI2 it is checked against pdep.
        var random = new Random(3);
        var values = Enumerable.Range(0, 4096).Select(_ => (uint)random.Next(1 << 24)).Concat([0u, 0xFF_FFFFu, 0x92_4924u, 0x6D_B6DBu]);
        foreach (var bits in values)
        {
            var spread = IntegerActivationKernel.Spread3Portable(bits);
            for (var k = 0; k < 8; k++) Assert.Equal((bits >> (3 * k)) & 7, (uint)(spread >> (8 * k)) & 0xFF);
            if (System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported)
                Assert.Equal(System.Runtime.Intrinsics.X86.Bmi2.X64.ParallelBitDeposit(bits, 0x0707_0707_0707_0707UL), spread);
        }
    }

    [Fact]
    public void An_a8_product_is_the_weight_only_product_of_the_quantized_input()
    {
        // The definition, from the outside: decode the weights, dequantize the input (q·s), multiply in double.
        var format = QuantFormats.Get("int4_g32_a8");
        var (matrix, x) = MatVecKernelTests.RandomProblem(format, 6, 192, seed: 9);
        var weights = new float[6 * 192];
        QuantCodecs.For(format).Decode(matrix, 6, 192, weights);
        var codes = new sbyte[192];
        var scales = new float[6];
        ActivationQuantization.Quantize(x, codes, scales);
        var y = new float[6];
        MatVecKernels.For(format, 192).Multiply(matrix, 192, 0, x, y, KernelPaths.Best);
        for (var r = 0; r < 6; r++)
        {
            var exact = Enumerable.Range(0, 192).Sum(c => (double)weights[r * 192 + c] * codes[c] * scales[c / 32]);
            var bound = Enumerable.Range(0, 192).Sum(c => Math.Abs((double)weights[r * 192 + c] * x[c]));
            Assert.True(Math.Abs(y[r] - exact) <= 1e-6 * bound, $"row {r}: {y[r]} against {exact}");
        }
    }

    [Fact]
    public void Rows_from_an_offset_equal_the_same_rows_of_the_whole_product()
    {
        var format = QuantFormats.Get("int8_g32_a8");
        var (matrix, x) = MatVecKernelTests.RandomProblem(format, 40, 192, seed: 5);
        var kernel = MatVecKernels.For(format, 192);
        var whole = new float[40];
        kernel.Multiply(matrix, 192, 0, x, whole, KernelPaths.Best);
        var part = new float[9];
        kernel.Multiply(matrix, 192, 17, x, part, KernelPaths.Best);
        Assert.Equal(whole.AsSpan(17, 9).ToArray(), part);
    }

    private static void AssertPathsEqualReference(QuantFormat format, byte[] matrix, int rows, int columns, float[] x, string what)
    {
        var expected = new float[rows];
        IntegerActivationReference.Multiply(format, matrix, columns, 0, x, expected);
        var scalar = new float[rows];
        ScalarMatVec.Multiply(format, matrix, columns, 0, x, scalar);
        Assert.Equal(Bits(expected), Bits(scalar));
        foreach (var path in KernelPaths.Supported)
        {
            var actual = new float[rows];
            MatVecKernels.For(format, columns).Multiply(matrix, columns, 0, x, actual, path);
            Assert.True(Bits(expected).SequenceEqual(Bits(actual)), $"{format} {what} {path}: differs from the reference");
        }
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    // Rows of the given codes with every scale 1.0, laid out as GroupedIntLayout says.
    private static byte[] RawMatrix(QuantFormat format, int rows, int columns, Func<int, int, int>[] code)
    {
        var matrix = new byte[format.EncodedBytes(rows, columns)];
        var rowBytes = (int)format.RowBytes(columns);
        var group = format.GroupLength(columns);
        for (var r = 0; r < rows; r++)
        {
            var at = r * rowBytes;
            for (var start = 0; start < columns; start += group)
            {
                if (format.Scheme != QuantScheme.Sign) at += GroupedIntLayout.WriteHeader(format, matrix.AsSpan(at), (Half)1f, Half.Zero);
                var codes = Enumerable.Range(start, group).Select(c => (byte)code[r](r, c)).ToArray();
                BitPacking.Pack(codes, format.Bits, matrix.AsSpan(at));
                at += BitPacking.PackedLength(group, format.Bits);
            }
        }
        return matrix;
    }
}
