using QSLM.Harness.Qualification;
using QSLM.Reports.Document;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Tests.Qualification;

/// <summary>Each check is decided from its figure and its threshold: without a threshold it is not run, never passed;
/// a ceiling is held at the upper end of the interval; an estimate is never held to a ceiling.</summary>
public sealed class QualifyVerdictsTests
{
    private readonly QualifyVerdicts _verdicts = new("orin-1", "sst2-int4.qslm");

    [Fact]
    public void Identical_predictions_pass_an_exact_target_and_one_differing_prediction_fails_it()
    {
        var passed = _verdicts.Predictions([1, 0, 1, 1], [1, 0, 1, 1], 0);
        var failed = _verdicts.Predictions([1, 0, 1, 1], [1, 0, 0, 1], 0);

        Assert.Equal((CheckStatus.Passed, 0.0, 0.0), (passed.Status, passed.Measured, passed.Threshold));
        Assert.Equal((CheckStatus.Failed, 0.25), (failed.Status, failed.Measured));
        Assert.Contains("1 of 4 SST-2 predictions differ", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, _verdicts.Predictions([1, 0, 1, 1], [1, 0, 0, 1], 0.25).Status);
    }

    [Fact]
    public void A_check_without_a_threshold_is_not_run_and_still_states_its_figure()
    {
        var agreement = _verdicts.Predictions([1, 0], [1, 0], null);
        var latency = _verdicts.Latency(QualifyChecks.LatencyP50, 12.5, null, "method");
        var power = _verdicts.Ceiling(QualifyChecks.Power, 4.8, 0.1, null, "W", SourceTag.Measured("jetson-VDD_IN"));

        Assert.All([agreement, latency, power], c => Assert.Equal(CheckStatus.NotRun, c.Status));
        Assert.Equal(12.5, latency.Measured);
        Assert.Contains("no latency target set", latency.Detail, StringComparison.Ordinal);
        Assert.Equal("measured:jetson-VDD_IN", power.Source);
    }

    [Fact]
    public void Perplexity_agrees_within_its_relative_tolerance()
    {
        Assert.Equal(CheckStatus.Passed, _verdicts.Perplexity(100, 100.5, 0.01).Status);
        Assert.Equal(CheckStatus.Failed, _verdicts.Perplexity(100, 102, 0.01).Status);
        Assert.Equal(CheckStatus.Failed, _verdicts.Perplexity(100, 100.5, 0).Status);
    }

    [Fact]
    public void Memory_over_the_budget_fails_and_an_unknown_budget_or_peak_is_not_run()
    {
        var over = _verdicts.Memory(2_000_000, 1_000_000, "memory_for_model of profile tiny");
        Assert.Equal(CheckStatus.Failed, over.Status);
        Assert.Contains("over the board's 1000000 (memory_for_model of profile tiny)", over.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Passed, _verdicts.Memory(1_000_000, 1_000_000, "x").Status);
        Assert.Equal(CheckStatus.NotRun, _verdicts.Memory(null, 1_000_000, "x").Status);
        Assert.Equal(CheckStatus.NotRun, _verdicts.Memory(1_000_000, null, "x").Status);
    }

    [Fact]
    public void A_ceiling_is_held_at_the_upper_end_of_the_95_percent_interval()
    {
        var source = SourceTag.Simulated("orin-sim");
        // 4.8 W lies under a 5 W ceiling, but its interval reaches 5.1 W: not shown to be under it.
        var straddles = _verdicts.Ceiling(QualifyChecks.Power, 4.8, 0.3, 5, "W", source);
        var under = _verdicts.Ceiling(QualifyChecks.Power, 4.8, 0.1, 5, "W", source);

        Assert.Equal((CheckStatus.Failed, 5.1), (straddles.Status, Math.Round(straddles.Measured!.Value, 6)));
        Assert.Equal(CheckStatus.Passed, under.Status);
        Assert.Equal("simulated:orin-sim", under.Source);
    }

    [Fact]
    public void An_estimate_is_never_held_to_a_ceiling_as_if_measured()
    {
        var estimate = _verdicts.Ceiling(QualifyChecks.Energy, 0.001, null, 0.0005, "J", SourceTag.Estimated("horowitz-45nm"));

        Assert.Equal(CheckStatus.NotRun, estimate.Status);
        Assert.Contains("an estimate, not a measurement: not held to the ceiling", estimate.Detail, StringComparison.Ordinal);
        Assert.Equal("estimated:horowitz-45nm", estimate.Source);
    }

    [Fact]
    public void Settings_pass_when_read_back_as_pinned_fail_otherwise_and_are_not_run_when_none_are_pinned()
    {
        Assert.Equal(CheckStatus.Passed, _verdicts.Settings("governor performance (read back performance)", []).Status);
        Assert.Equal(CheckStatus.Failed, _verdicts.Settings("governor performance (read back powersave)", ["governor: asked performance, read back powersave"]).Status);
        Assert.Equal(CheckStatus.NotRun, _verdicts.Settings(null, null).Status);
    }
}
