using System.Globalization;
using QSLM.Errors;
using QSLM.Format.Formats;

namespace QSLM.Format.Tests.Formats;

public class QuantFormatsTests
{
    /// <summary>The table as it was first published. Ids are written into packed files: a row
    /// may be appended, never renumbered, renamed or reused.</summary>
    private const string PublishedTable = """
        1 fp32 Float 32 0
        2 fp16 Float 16 0
        3 bf16 Float 16 0
        4 sign1 Sign 1 0
        10 int8 Symmetric 8 0
        11 int6 Symmetric 6 0
        12 int5 Symmetric 5 0
        13 int4 Symmetric 4 0
        14 int3 Symmetric 3 0
        15 int2 Symmetric 2 0
        20 int8_g32 Symmetric 8 32
        21 int8_g64 Symmetric 8 64
        22 int8_g128 Symmetric 8 128
        23 int6_g32 Symmetric 6 32
        24 int6_g64 Symmetric 6 64
        25 int6_g128 Symmetric 6 128
        26 int5_g32 Symmetric 5 32
        27 int5_g64 Symmetric 5 64
        28 int5_g128 Symmetric 5 128
        29 int4_g32 Symmetric 4 32
        30 int4_g64 Symmetric 4 64
        31 int4_g128 Symmetric 4 128
        32 int3_g32 Symmetric 3 32
        33 int3_g64 Symmetric 3 64
        34 int3_g128 Symmetric 3 128
        35 int2_g32 Symmetric 2 32
        36 int2_g64 Symmetric 2 64
        37 int2_g128 Symmetric 2 128
        40 int8_g32_asym Asymmetric 8 32
        41 int8_g64_asym Asymmetric 8 64
        42 int8_g128_asym Asymmetric 8 128
        43 int6_g32_asym Asymmetric 6 32
        44 int6_g64_asym Asymmetric 6 64
        45 int6_g128_asym Asymmetric 6 128
        46 int5_g32_asym Asymmetric 5 32
        47 int5_g64_asym Asymmetric 5 64
        48 int5_g128_asym Asymmetric 5 128
        49 int4_g32_asym Asymmetric 4 32
        50 int4_g64_asym Asymmetric 4 64
        51 int4_g128_asym Asymmetric 4 128
        52 int3_g32_asym Asymmetric 3 32
        53 int3_g64_asym Asymmetric 3 64
        54 int3_g128_asym Asymmetric 3 128
        55 int2_g32_asym Asymmetric 2 32
        56 int2_g64_asym Asymmetric 2 64
        57 int2_g128_asym Asymmetric 2 128
        """;

    [Fact]
    public void Published_ids_keep_their_name_scheme_bits_and_group()
    {
        var current = QuantFormats.All.ToDictionary(f => f.Id);
        foreach (var line in PublishedTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var p = line.Split(' ');
            var id = ushort.Parse(p[0], CultureInfo.InvariantCulture);
            Assert.True(current.ContainsKey(id), $"id {id} ({p[1]}) was removed");
            Assert.Equal(line, $"{id} {current[id].Name} {current[id].Scheme} {current[id].Bits} {current[id].GroupSize}");
        }
    }

    [Theory]
    [InlineData(60, "int8_a8", "int8")]
    [InlineData(61, "int4_a8", "int4")]
    [InlineData(62, "int8_g32_a8", "int8_g32")]
    [InlineData(63, "int4_g32_a8", "int4_g32")]
    [InlineData(64, "sign1_a8", "sign1")]
    [InlineData(65, "int3_a8", "int3")]
    [InlineData(66, "int2_a8", "int2")]
    [InlineData(67, "int3_g32_a8", "int3_g32")]
    [InlineData(68, "int2_g32_a8", "int2_g32")]
    public void Integer_activation_formats_have_their_own_ids_and_store_their_weight_only_twins_bytes(int id, string name, string twin)
    {
        var format = QuantFormats.Get(name);
        var weightOnly = QuantFormats.Get(twin);
        Assert.Equal((ushort)id, format.Id);
        Assert.Equal(8, format.ActivationBits);
        Assert.True(format.QuantizesActivations);
        Assert.False(weightOnly.QuantizesActivations);
        Assert.Same(weightOnly, QuantFormats.WeightOnly(format));
        Assert.Same(weightOnly, QuantFormats.WeightOnly(weightOnly));
        Assert.Equal(weightOnly.EncodedBytes(37, 768), format.EncodedBytes(37, 768));
        Assert.Equal(weightOnly.NominalBitsPerWeight, format.NominalBitsPerWeight);
    }

    [Fact]
    public void Ids_and_names_are_unique_and_zero_is_never_an_id()
    {
        Assert.Equal(QuantFormats.All.Count, QuantFormats.All.Select(f => f.Id).Distinct().Count());
        Assert.Equal(QuantFormats.All.Count, QuantFormats.All.Select(f => f.Name.ToLowerInvariant()).Distinct().Count());
        Assert.DoesNotContain(QuantFormats.All, f => f.Id == 0);
    }

    [Theory]
    // name, group length for a 384-wide row, bytes per full group, effective bits per weight at 384 columns
    [InlineData("fp32", 384, 1536, 32.0)]
    [InlineData("fp16", 384, 768, 16.0)]
    [InlineData("bf16", 384, 768, 16.0)]
    [InlineData("sign1", 384, 48, 1.0)]
    [InlineData("int8", 384, 2 + 384, 8.0 + 16.0 / 384)]
    [InlineData("int6", 384, 2 + 288, 6.0 + 16.0 / 384)]
    [InlineData("int5", 384, 2 + 240, 5.0 + 16.0 / 384)]
    [InlineData("int4", 384, 2 + 192, 4.0 + 16.0 / 384)]
    [InlineData("int3", 384, 2 + 144, 3.0 + 16.0 / 384)]
    [InlineData("int2", 384, 2 + 96, 2.0 + 16.0 / 384)]
    [InlineData("int8_g32", 32, 2 + 32, 8.5)]
    [InlineData("int8_g64", 64, 2 + 64, 8.25)]
    [InlineData("int8_g128", 128, 2 + 128, 8.125)]
    [InlineData("int6_g32", 32, 2 + 24, 6.5)]
    [InlineData("int6_g64", 64, 2 + 48, 6.25)]
    [InlineData("int6_g128", 128, 2 + 96, 6.125)]
    [InlineData("int5_g32", 32, 2 + 20, 5.5)]
    [InlineData("int5_g64", 64, 2 + 40, 5.25)]
    [InlineData("int5_g128", 128, 2 + 80, 5.125)]
    [InlineData("int4_g32", 32, 2 + 16, 4.5)]
    [InlineData("int4_g64", 64, 2 + 32, 4.25)]
    [InlineData("int4_g128", 128, 2 + 64, 4.125)]
    [InlineData("int3_g32", 32, 2 + 12, 3.5)]
    [InlineData("int3_g64", 64, 2 + 24, 3.25)]
    [InlineData("int3_g128", 128, 2 + 48, 3.125)]
    [InlineData("int2_g32", 32, 2 + 8, 2.5)]
    [InlineData("int2_g64", 64, 2 + 16, 2.25)]
    [InlineData("int2_g128", 128, 2 + 32, 2.125)]
    [InlineData("int8_g32_asym", 32, 4 + 32, 9.0)]
    [InlineData("int4_g32_asym", 32, 4 + 16, 5.0)]
    [InlineData("int4_g64_asym", 64, 4 + 32, 4.5)]
    [InlineData("int4_g128_asym", 128, 4 + 64, 4.25)]
    [InlineData("int3_g128_asym", 128, 4 + 48, 3.25)]
    [InlineData("int2_g64_asym", 64, 4 + 16, 2.5)]
    public void Group_length_bytes_and_bits_per_weight_are_exact(string name, int group, int groupBytes, double bitsAt384)
    {
        var format = QuantFormats.Get(name);
        Assert.Equal(group, format.GroupLength(384));
        Assert.Equal((long)groupBytes, format.RowBytes(group));
        Assert.Equal(bitsAt384, format.EffectiveBitsPerWeight(384), 12);
    }

    [Fact]
    public void Every_row_has_its_nominal_bits_per_weight()
    {
        foreach (var f in QuantFormats.All)
        {
            var expected = f.Scheme switch
            {
                QuantScheme.Float or QuantScheme.Sign => f.Bits,
                _ when f.IsPerChannel => f.Bits,
                QuantScheme.Symmetric => f.Bits + 16.0 / f.GroupSize,
                _ => f.Bits + 32.0 / f.GroupSize,
            };
            Assert.Equal(expected, f.NominalBitsPerWeight, 12);
        }
    }

    [Fact]
    public void A_short_last_group_takes_its_own_overhead_and_whole_bytes()
    {
        var format = QuantFormats.Get("int3_g32");
        // 70 = 32 + 32 + 6: two full groups (2 + 12 bytes) and a tail of 6 codes (2 + ceil(18/8) = 3 bytes)
        Assert.Equal(2 * 14 + 2 + 3L, format.RowBytes(70));
        Assert.Equal(5 * (2 * 14 + 2 + 3L), format.EncodedBytes(5, 70));
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assert.Throws<InputException>(() => QuantFormats.Get("int7"));
        Assert.Contains("int4_g32", error.Message);
    }
}
