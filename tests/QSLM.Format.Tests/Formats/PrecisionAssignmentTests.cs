using QSLM.Errors;
using QSLM.Format.Formats;

namespace QSLM.Format.Tests.Formats;

public class PrecisionAssignmentTests
{
    [Fact]
    public void First_matching_rule_wins_and_unmatched_tensors_stay_fp32()
    {
        var a = PrecisionAssignment.Parse("emb.weight=sign1, blocks.*.att.*.weight=int4_g32, blocks.*=int8, head.weight=fp16");
        Assert.Equal("sign1", a.FormatOf("emb.weight").Name);
        Assert.Equal("int4_g32", a.FormatOf("blocks.3.att.key.weight").Name);
        Assert.Equal("int8", a.FormatOf("blocks.3.att.time_decay").Name);
        Assert.Equal("int8", a.FormatOf("blocks.0.ffn.key.weight").Name);
        Assert.Equal("fp16", a.FormatOf("head.weight").Name);
        Assert.Equal("fp32", a.FormatOf("ln_out.weight").Name);
    }

    [Fact]
    public void A_star_does_not_match_a_literal_dot_elsewhere()
    {
        var a = PrecisionAssignment.Parse("blocks.1.*=int4");
        Assert.Equal("fp32", a.FormatOf("blocks.10.att.key.weight").Name);
        Assert.Equal("int4", a.FormatOf("blocks.1.att.key.weight").Name);
    }

    [Theory]
    [InlineData("emb.weight", "is not of the form pattern=format")]
    [InlineData("emb.weight=int7", "unknown format 'int7'")]
    [InlineData(" , ", "empty")]
    public void Malformed_rules_are_refused_with_the_offending_rule(string text, string expected)
    {
        var error = Assert.Throws<InputException>(() => PrecisionAssignment.Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_assignment_built_from_tensor_formats_is_the_one_its_text_parses_to()
    {
        var tensors = new[] { ("emb.weight", QuantFormats.Get("sign1")), ("blocks.0.att.key.weight", QuantFormats.Get("int4")), ("head.weight", QuantFormats.Get("int8")) };
        var built = PrecisionAssignment.ForTensors(tensors);
        var parsed = PrecisionAssignment.Parse(string.Join(",", tensors.Select(t => $"{t.Item1}={t.Item2.Name}").Append("*=fp32")));

        Assert.Equal(parsed.ToString(), built.ToString());
        Assert.Equal(parsed.Rules, built.Rules);
        foreach (var name in new[] { "emb.weight", "blocks.0.att.key.weight", "head.weight", "blocks.0.att.key", "blocks.10.att.key.weight", "ln_out.weight" })
            Assert.Equal(parsed.FormatOf(name), built.FormatOf(name));
    }

    [Theory]
    [InlineData("blocks.*.weight")]
    [InlineData("a,b")]
    [InlineData("")]
    public void A_tensor_name_that_is_a_pattern_or_a_list_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => PrecisionAssignment.ForTensors([(name, QuantFormats.Get("int8"))]));
    }

    [Fact]
    public void A_tensor_assigned_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PrecisionAssignment.ForTensors([("emb.weight", QuantFormats.Get("int8")), ("emb.weight", QuantFormats.Get("int4"))]));
    }
}
