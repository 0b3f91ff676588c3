using QSLM.Sensors.Statistics;

namespace QSLM.Sensors.Tests.Statistics;

public class ClaimTests
{
    private static readonly double[] Reference = [10.0, 10.1, 9.9, 10.05, 9.95, 10.0];

    private static Comparison Compare(double[] b, double? claim) =>
        CandidateComparer.Compare("A", Reference, "B", b, new ComparisonOptions { Claim = claim });

    [Fact]
    public void A_saving_is_supported_only_when_the_whole_interval_lies_below_the_claim()
    {
        double[] quarterLess = [7.5, 7.6, 7.4, 7.55, 7.45, 7.5];
        var result = Compare(quarterLess, -0.20);
        Assert.True(result.High <= -0.20, result.Summary());
        Assert.Equal(ClaimOutcome.Supported, result.ClaimVerdict);
        Assert.Contains("claim \"B at least 20.0% lower than A\": supported", result.Summary());
    }

    [Fact]
    public void A_smaller_saving_contradicts_the_claim()
    {
        double[] tenthLess = [9.0, 9.1, 8.9, 9.05, 8.95, 9.0];
        Assert.Equal(ClaimOutcome.Contradicted, Compare(tenthLess, -0.20).ClaimVerdict);
    }

    [Fact]
    public void An_interval_across_the_claim_is_inconclusive()
    {
        double[] noisyFifthLess = [6.0, 10.0, 7.0, 9.0, 8.0, 8.0];
        var result = Compare(noisyFifthLess, -0.20);
        Assert.True(result.Low < -0.20 && result.High > -0.20, result.Summary());
        Assert.Equal(ClaimOutcome.Inconclusive, result.ClaimVerdict);
    }

    [Fact]
    public void A_claimed_increase_is_tested_from_the_other_side()
    {
        double[] halfMore = [15.0, 15.1, 14.9, 15.05, 14.95, 15.0];
        Assert.Equal(ClaimOutcome.Supported, Compare(halfMore, 0.40).ClaimVerdict);
        Assert.Equal(ClaimOutcome.Contradicted, Compare(halfMore, 0.60).ClaimVerdict);
    }

    [Fact]
    public void Without_a_claim_there_is_no_claim_verdict()
    {
        var result = Compare([9.0, 9.1], null);
        Assert.Null(result.ClaimVerdict);
        Assert.DoesNotContain("claim", result.Summary());
    }
}
