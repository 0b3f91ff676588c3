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
}
