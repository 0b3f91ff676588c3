using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Format.Tests.Codecs;

public class QuantCodecsTests
{
    internal static float[] Gaussian(int count, int seed, float std = 0.05f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(std * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()))).ToArray();
    }

    public static TheoryData<string> AllFormats()
    {
        var data = new TheoryData<string>();
        foreach (var f in QuantFormats.All) data.Add(f.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public void Encoding_writes_exactly_the_declared_bytes_and_decoding_is_deterministic(string name)
    {
        var format = QuantFormats.Get(name);
        var values = Gaussian(7 * 70, 1);
        var encoded = QuantCodecs.Encode(format, values, 7, 70);
        Assert.Equal(format.EncodedBytes(7, 70), encoded.LongLength);
        var a = QuantCodecs.RoundTrip(format, values, 7, 70);
        var b = QuantCodecs.RoundTrip(format, values, 7, 70);
        Assert.Equal(a, b);
        // Re-quantizing reconstructed values is a fixed point for every format but sign1 (whose
        // decoded ±1 re-encode to themselves too) — a check that decode inverts encode.
        Assert.Equal(a, QuantCodecs.RoundTrip(format, a, 7, 70));
    }

    public static TheoryData<string> IntegerFormats()
    {
        var data = new TheoryData<string>();
        foreach (var f in QuantFormats.All.Where(f => f.Scheme is QuantScheme.Symmetric or QuantScheme.Asymmetric)) data.Add(f.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(IntegerFormats))]
    public void Decoding_gives_exactly_each_codes_scale_and_minimum_formula_for_any_row_length(string name)
    {
        var format = QuantFormats.Get(name);
        foreach (var columns in new[] { 192, 193, 70, 768 })
        {
            var values = Gaussian(3 * columns, columns);
            var encoded = QuantCodecs.Encode(format, values, 3, columns);
            var expected = ReferenceDecode(format, encoded, 3, columns);
            // Both paths: the processor's own (AVX2 here) and the one of a board without AVX2.
            foreach (var codec in new IQuantCodec[] { QuantCodecs.For(format), new GroupedIntCodec(format, allowAvx2: false) })
            {
                var decoded = new float[3 * columns];
                codec.Decode(encoded, 3, columns, decoded);
                Assert.Equal(expected, decoded);
            }
        }
    }

    // Code by code, as the format is defined: a group's fp16 scale (and minimum), then its packed codes.
    private static float[] ReferenceDecode(QuantFormat format, byte[] encoded, int rows, int columns)
    {
        var output = new float[rows * columns];
        var group = format.GroupLength(columns);
        var offset = format.Scheme == QuantScheme.Symmetric ? format.SymmetricMax : 0;
        var at = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var start = 0; start < columns; start += group)
            {
                var length = Math.Min(group, columns - start);
                var scale = (float)BitConverter.ToHalf(encoded, at);
                var minimum = format.Scheme == QuantScheme.Symmetric ? 0f : (float)BitConverter.ToHalf(encoded, at + 2);
                at += format.GroupOverheadBytes;
                for (var i = 0; i < length; i++)
                {
                    var code = 0;
                    for (var b = 0; b < format.Bits; b++)
                    {
                        var bit = (long)i * format.Bits + b;
                        code |= ((encoded[at + (int)(bit / 8)] >> (int)(bit % 8)) & 1) << b;
                    }
                    output[r * columns + start + i] = (code - offset) * scale + minimum;
                }
                at += BitPacking.PackedLength(length, format.Bits);
            }
        }
        return output;
    }

    [Fact]
    public void Fp32_round_trip_is_exact_and_fp16_matches_the_ieee_cast()
    {
        var values = Gaussian(300, 2, 3f).Append(65504f).Append(-1e-8f).ToArray();
        Assert.Equal(values, QuantCodecs.RoundTrip(QuantFormats.Fp32, values, 1, values.Length));
        Assert.Equal(values.Select(v => (float)(Half)v), QuantCodecs.RoundTrip(QuantFormats.Get("fp16"), values, 1, values.Length));
    }

    [Theory]
    [InlineData(1.0f, 1.0f)]
    [InlineData(1.00390625f, 1.0f)]       // exactly halfway between 1 and 1.0078125: ties to even (1.0)
    [InlineData(1.01171875f, 1.015625f)]   // halfway between 1.0078125 and 1.015625: ties to even (1.015625)
    [InlineData(-2.5f, -2.5f)]
    public void Bf16_rounds_to_nearest_even(float input, float expected)
    {
        Assert.Equal(expected, QuantCodecs.RoundTrip(QuantFormats.Get("bf16"), [input], 1, 1)[0]);
    }

    [Theory]
    [InlineData("int8")]
    [InlineData("int4")]
    [InlineData("int2")]
    [InlineData("int4_g32")]
    [InlineData("int3_g128")]
    [InlineData("int4_g64_asym")]
    [InlineData("int2_g32_asym")]
    public void Round_to_nearest_error_is_at_most_half_a_step(string name)
    {
        var format = QuantFormats.Get(name);
        const int rows = 4, columns = 96;
        var values = Gaussian(rows * columns, 3);
        var decoded = QuantCodecs.RoundTrip(format, values, rows, columns);
        var group = format.GroupLength(columns);
        for (var r = 0; r < rows; r++)
        {
            for (var start = 0; start < columns; start += group)
            {
                var slice = Enumerable.Range(r * columns + start, Math.Min(group, columns - start)).ToArray();
                var lo = slice.Min(i => values[i]);
                var hi = slice.Max(i => values[i]);
                var step = format.Scheme == QuantScheme.Symmetric
                    ? Math.Max(Math.Abs(lo), Math.Abs(hi)) / format.SymmetricMax
                    : (hi - lo) / format.AsymmetricMax;
                // half a step, plus slack for the fp16 rounding of scale and minimum
                foreach (var i in slice) Assert.True(Math.Abs(values[i] - decoded[i]) <= step * 0.5 * 1.01 + 1e-3 * step + 1e-4, $"{name}[{i}]: {values[i]} -> {decoded[i]}");
            }
        }
    }

    [Fact]
    public void Symmetric_codes_are_symmetric_so_zero_is_exact()
    {
        var values = new float[] { 0f, 0.3f, -0.3f, 0.7f, 0f, -0.7f };
        var decoded = QuantCodecs.RoundTrip(QuantFormats.Get("int3"), values, 1, values.Length);
        Assert.Equal(0f, decoded[0]);
        Assert.Equal(0f, decoded[4]);
        Assert.Equal(-decoded[3], decoded[5]);
    }

    [Fact]
    public void Clip_search_never_increases_squared_error()
    {
        var values = Gaussian(8 * 256, 4).Select((v, i) => i % 97 == 0 ? v * 20 : v).ToArray(); // outliers
        foreach (var name in new[] { "int4", "int3_g64", "int2_g32", "int4_g128_asym" })
        {
            var format = QuantFormats.Get(name);
            double Error(QuantizeOptions o) => QuantCodecs.RoundTrip(format, values, 8, 256, o).Select((d, i) => (double)(d - values[i]) * (d - values[i])).Sum();
            var plain = Error(QuantizeOptions.Default);
            var searched = Error(new QuantizeOptions(ClipSearch: true));
            Assert.True(searched <= plain, $"{name}: {searched} > {plain}");
        }
        // On Gaussian weights, 3-bit per-channel quantization gains from clipping the range's tails.
        var int3 = QuantFormats.Get("int3");
        var gaussian = Gaussian(8 * 256, 5);
        double E(QuantizeOptions o) => QuantCodecs.RoundTrip(int3, gaussian, 8, 256, o).Select((d, i) => (double)(d - gaussian[i]) * (d - gaussian[i])).Sum();
        Assert.True(E(new QuantizeOptions(true)) < 0.9 * E(QuantizeOptions.Default));
    }

    [Fact]
    public void Sign_keeps_exactly_the_heaviside_of_each_weight_including_negative_zero()
    {
        var values = new float[] { 0f, -0f, 1e-30f, -1e-30f, -3f, 2f, float.Epsilon, -float.Epsilon, 0.5f };
        var decoded = QuantCodecs.RoundTrip(QuantFormats.Get("sign1"), values, 1, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i] >= 0 ? 1f : -1f, decoded[i]);
            Assert.Equal(values[i] >= 0, decoded[i] >= 0);
        }
    }

    [Fact]
    public void A_constant_group_round_trips_through_the_asymmetric_minimum()
    {
        var values = Enumerable.Repeat(0.125f, 64).ToArray();
        Assert.All(QuantCodecs.RoundTrip(QuantFormats.Get("int4_g64_asym"), values, 1, 64), v => Assert.Equal(0.125f, v));
        Assert.All(QuantCodecs.RoundTrip(QuantFormats.Get("int4_g64"), new float[64], 1, 64), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Non_finite_weights_are_refused()
    {
        Assert.Throws<ArgumentException>(() => QuantCodecs.Encode(QuantFormats.Get("int4_g32"), [1f, float.NaN], 1, 2));
        Assert.Throws<ArgumentException>(() => QuantCodecs.Encode(QuantFormats.Get("int8"), [float.PositiveInfinity], 1, 1));
    }
}
