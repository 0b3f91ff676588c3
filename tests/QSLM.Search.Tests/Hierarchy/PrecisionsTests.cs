using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;

namespace QSLM.Search.Tests.Hierarchy;

public class PrecisionsTests
{
    private static readonly ModelHierarchy H = ModelHierarchyTests.Of(2, 32, classes: 2);

    [Fact]
    public void The_compact_form_names_each_blocks_format_then_the_modules_that_differ_and_parses_back()
    {
        var p = Precisions.Uniform(H, QuantFormats.Get("int4"))
            .WithBlock("input", QuantFormats.Get("sign1"))
            .WithModule("blocks.1.att.key", QuantFormats.Get("int8"));
        Assert.Equal("input=sign1 blocks.0=int4 blocks.1=int4 blocks.1.att.key=int8 output=int4", p.Compact);
        Assert.Equal(p, Precisions.Parse(H, p.Compact));
    }

    [Fact]
    public void Precisions_carry_over_to_the_language_model_sharing_the_blocks_its_head_at_the_output_blocks_format()
    {
        var p = Precisions.Uniform(H, QuantFormats.Get("int4")).WithBlock("output", QuantFormats.Get("int3")).WithModule("blocks.1.att.key", QuantFormats.Get("int8"));
        var lm = p.For(ModelHierarchyTests.Of(2, 32));
        Assert.Equal("input=int4 blocks.0=int4 blocks.1=int4 blocks.1.att.key=int8 output=int3", lm.Compact);
        Assert.Equal("int3", lm["head"].Name);
    }

    [Fact]
    public void The_assignment_quantizes_matrices_and_keeps_vectors_fp32()
    {
        var a = Precisions.Uniform(H, QuantFormats.Get("int4")).ToAssignment();
        Assert.Equal("int4", a.FormatOf("blocks.0.att.key.weight").Name);
        Assert.Equal("fp32", a.FormatOf("blocks.0.att.time_decay").Name);
        Assert.Equal("fp32", a.FormatOf("blocks.0.ln1.weight").Name);
        Assert.Equal("int4", a.FormatOf("cls.weight").Name);
        Assert.Equal("fp32", a.FormatOf("cls.bias").Name);
    }

    [Fact]
    public void Weight_bytes_are_exact_per_format()
    {
        var fp32 = Precisions.Uniform(H, QuantFormats.Fp32).WeightBytes;
        Assert.Equal(4 * H.Parameters, fp32);
        var int8 = Precisions.Uniform(H, QuantFormats.Get("int8")).WeightBytes;
        Assert.True(int8 < fp32 / 3 && int8 > fp32 / 4, $"{int8} vs {fp32}");
    }

    [Theory]
    [InlineData("blocks.0=int4", "without a format")]
    [InlineData("input=int4 blocks.0=int4 blocks.1=int4 output=int4 blocks.7=int8", "names no block")]
    [InlineData("input=int9", "known format")]
    public void A_malformed_compact_form_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Contains(reason, Assert.Throws<InputException>(() => Precisions.Parse(H, text)).Message);
    }
}
