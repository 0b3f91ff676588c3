using QSLM.Sensors.Statistics;
using QSLM.Sensors.Tests.Recordings;

namespace QSLM.Sensors.Tests.Statistics;

/// <summary>The windowed comparison on sample CSVs that <c>qslm power sample</c> wrote from a real GPU.</summary>
public class RecordedComparisonTests
{
    private static Comparison Compare(string a, string b, double? claim = null) =>
        WindowedComparison.Compare(a, Recording.Samples($"samples-h200-{a}.csv"), b, Recording.Samples($"samples-h200-{b}.csv"), TimeSpan.FromSeconds(2), new ComparisonOptions { Claim = claim });

    [Fact]
    public void A_full_load_is_higher_than_idle_and_keeps_the_measured_source()
    {
        var result = Compare("idle-a", "load-full");
        Assert.True(result.Low > 5, result.Summary());
        Assert.Equal("measured:nvidia-smi-gpu0", result.Source?.ToString());
        Assert.Equal(9, result.A.N);
    }

    [Fact]
    public void Half_duty_supports_a_20_percent_saving_claim_and_contradicts_an_80_percent_one()
    {
        Assert.Equal(ClaimOutcome.Supported, Compare("load-full", "load-half", -0.20).ClaimVerdict);
        Assert.Equal(ClaimOutcome.Contradicted, Compare("load-full", "load-half", -0.80).ClaimVerdict);
        var straddled = Compare("load-full", "load-half", -0.76);
        Assert.Equal(ClaimOutcome.Inconclusive, straddled.ClaimVerdict);
        Assert.Contains("straddles", straddled.Summary());
    }

    [Fact]
    public void Two_idle_logs_differ_by_well_under_one_percent_and_contradict_a_saving()
    {
        // The second idle log follows a load: the warmer card draws slightly more. Windows of one log
        // are correlated, so the interval is narrow; a claimed saving is what a bench must test.
        var result = Compare("idle-a", "idle-b", -0.20);
        Assert.InRange(result.RelativeDifference, -0.01, 0.01);
        Assert.Equal(ClaimOutcome.Contradicted, result.ClaimVerdict);
    }
}
