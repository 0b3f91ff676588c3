using QSLM.Harness.Claims;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Tests.Claims;

public sealed class ClaimIntervalTests
{
    [Fact]
    public void The_pairs_to_decide_are_the_fewest_that_clear_the_claim_at_90_percent_power()
    {
        // Gap 0.02, s = 0.02: (t(0.975, n-1) + t(0.90, n-1))/sqrt(n) must fall below 1.
        // n = 12 gives (2.201 + 1.363)/3.464 = 1.029, n = 13 gives (2.179 + 1.356)/3.606 = 0.980.
        Assert.Equal(13, ClaimInterval.PairsNeeded(-0.22, 0.02, -0.2));
        // The same gap on the other side of the claim needs as many.
        Assert.Equal(13, ClaimInterval.PairsNeeded(-0.18, 0.02, -0.2));
        // Half the spread: below 2; n = 4 gives (3.182 + 1.638)/2 = 2.410, n = 5 gives (2.776 + 1.533)/2.236 = 1.927.
        Assert.Equal(5, ClaimInterval.PairsNeeded(-0.22, 0.01, -0.2));
        // Beyond 31 pairs the normal quantiles: gap 0.01, s = 0.05 needs (1.960 + 1.282) * 5 / sqrt(n) < 1, so n > 262.8.
        Assert.Equal(263, ClaimInterval.PairsNeeded(-0.21, 0.05, -0.2));
    }

    [Fact]
    public void A_mean_on_the_claim_or_one_that_would_take_more_pairs_than_any_bench_has_is_out_of_reach()
    {
        Assert.Null(ClaimInterval.PairsNeeded(-0.2, 0.02, -0.2));
        Assert.Null(ClaimInterval.PairsNeeded(-0.2000001, 1, -0.2));
        Assert.Equal(2, ClaimInterval.PairsNeeded(-0.25, 0, -0.2));
    }

    [Fact]
    public void The_verdict_follows_the_whole_interval_against_the_claim_and_only_an_inconclusive_one_advises_pairs()
    {
        var supported = ClaimInterval.Of([-0.25, -0.26, -0.24, -0.25], -0.2);
        var contradicted = ClaimInterval.Of([0.01, -0.01, 0.0, 0.02], -0.2);
        var inconclusive = ClaimInterval.Of([-0.18, -0.26, -0.22], -0.2);

        Assert.Equal((ClaimOutcome.Supported, (int?)null), (supported.Outcome, supported.PairsToDecide));
        Assert.True(supported.High <= -0.2);
        Assert.Equal((ClaimOutcome.Contradicted, (int?)null), (contradicted.Outcome, contradicted.PairsToDecide));
        Assert.True(contradicted.Low > -0.2);
        Assert.Equal(ClaimOutcome.Inconclusive, inconclusive.Outcome);
        Assert.Equal(ClaimInterval.PairsNeeded(inconclusive.Mean, inconclusive.StandardDeviation, -0.2), inconclusive.PairsToDecide);
        Assert.True(inconclusive.Low < -0.2 && inconclusive.High > -0.2);
    }

    [Fact]
    public void The_interval_is_students_t_over_the_pairs_and_its_method_says_so()
    {
        var interval = ClaimInterval.Of([-0.20, -0.30], -0.2);

        // Mean -0.25, s = 0.0707, t(0.975, 1) = 12.706: half-width 12.706 * 0.0707 / sqrt(2) = 0.6353.
        Assert.Equal(-0.25, interval.Mean, 12);
        Assert.Equal(-0.25 - 0.63530, interval.Low, 4);
        Assert.Equal(-0.25 + 0.63530, interval.High, 4);
        Assert.Equal(1, interval.DegreesOfFreedom);
        Assert.Contains("Student's t over 2 paired repeats (n = 2, df = 1, t(0.975) = 12.706)", interval.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_two_pairs_give_no_interval()
    {
        Assert.Throws<InvalidOperationException>(() => ClaimInterval.Of([-0.25], -0.2));
    }
}
