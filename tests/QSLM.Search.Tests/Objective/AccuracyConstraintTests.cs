using QSLM.Errors;
using QSLM.Search.Objective;

namespace QSLM.Search.Tests.Objective;

public class AccuracyConstraintTests
{
    [Theory]
    [InlineData("acc>=-1pt", 0.80, 0.79)]
    [InlineData("acc>=0.75", 0.80, 0.75)]
    [InlineData("ppl<=+5%", 200, 210)]
    [InlineData("ppl<=250", 200, 250)]
    public void Bounds_are_absolute_or_relative_to_the_baseline(string text, double baseline, double bound)
    {
        var c = AccuracyConstraint.Parse(text);
        Assert.Equal(bound, c.Bound(baseline), 9);
        Assert.Equal(text, c.ToString());
    }

    [Fact]
    public void An_accuracy_floor_is_met_at_or_above_and_a_perplexity_ceiling_at_or_below()
    {
        Assert.True(AccuracyConstraint.Parse("acc>=-1pt").IsMet(0.79, 0.80));
        Assert.False(AccuracyConstraint.Parse("acc>=-1pt").IsMet(0.7899, 0.80));
        Assert.True(AccuracyConstraint.Parse("ppl<=+5%").IsMet(210, 200));
        Assert.False(AccuracyConstraint.Parse("ppl<=+5%").IsMet(210.1, 200));
        Assert.Equal(0.0101, AccuracyConstraint.Parse("acc>=-1pt").Shortfall(0.7799, 0.80), 9);
    }

    [Theory]
    [InlineData("acc>80")]
    [InlineData("acc>=1.5")]
    [InlineData("ppl<=0.5")]
    [InlineData("loss<=2")]
    [InlineData("acc>=-xpt")]
    public void Malformed_constraints_are_refused_with_the_accepted_forms(string text)
    {
        var e = Assert.Throws<InputException>(() => AccuracyConstraint.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_negative_or_undefined_alpha_is_refused(double alpha)
    {
        var e = Assert.Throws<InputException>(() => new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, alpha).Validate());
        Assert.Contains("alpha", e.Message);
    }
}
