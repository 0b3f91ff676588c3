using QSLM.Harness.Regression;
using QSLM.History.Records;
using QSLM.Reports.Document;

namespace QSLM.Harness.Tests.Regression;

public sealed class RegressionComparisonTests
{
    private static RunRecord Run(string id, params MeasurementRecord[] measurements) =>
        new(new RunSummary(id, RunKind.Qualify, id, RunStatus.Completed, "done", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, "host", ["pi"], ["m"], measurements.Length),
            null, new Dictionary<string, string>(), [], [], measurements, []);

    private static MeasurementRecord Figure(string quantity, double value, double? ci = null, string unit = "W", string? source = "measured:ina219") =>
        new("pi", "m", quantity, value, ci, unit, source);

    private static CheckResult Only(RunRecord baseline, RunRecord run, RegressionThresholds? thresholds = null) =>
        Assert.Single(RegressionComparison.Compare(baseline, run, thresholds ?? new RegressionThresholds()));

    [Theory]
    [InlineData(0.90, 0.895, CheckStatus.Passed)]
    [InlineData(0.90, 0.885, CheckStatus.Failed)]
    [InlineData(0.90, 0.95, CheckStatus.Passed)]
    public void Accuracy_fails_only_when_it_drops_by_more_than_the_allowed_absolute_drop(double before, double after, CheckStatus expected)
    {
        var check = Only(Run("a", Figure(Quantities.Accuracy, before, unit: "fraction", source: null)), Run("b", Figure(Quantities.Accuracy, after, unit: "fraction", source: null)));
        Assert.Equal(expected, check.Status);
        Assert.Equal(after, check.Measured);
        Assert.Equal(before - 0.01, check.Threshold!.Value, 12);
    }

    [Theory]
    [InlineData(Quantities.LatencyP50, 10.0, 10.9, CheckStatus.Passed)]
    [InlineData(Quantities.LatencyP50, 10.0, 11.1, CheckStatus.Failed)]
    [InlineData(Quantities.PeakMemory, 1000.0, 1049.0, CheckStatus.Passed)]
    [InlineData(Quantities.PeakMemory, 1000.0, 1051.0, CheckStatus.Failed)]
    [InlineData(Quantities.Perplexity, 100.0, 101.9, CheckStatus.Passed)]
    [InlineData(Quantities.Perplexity, 100.0, 102.1, CheckStatus.Failed)]
    public void Latency_memory_and_perplexity_fail_only_beyond_their_relative_rise(string quantity, double before, double after, CheckStatus expected) =>
        Assert.Equal(expected, Only(Run("a", Figure(quantity, before, source: null)), Run("b", Figure(quantity, after, source: null))).Status);

    [Theory]
    [InlineData(5.0, 0.1, 5.15, 0.1, CheckStatus.Passed)]
    [InlineData(5.0, 0.1, 5.25, 0.1, CheckStatus.Failed)]
    [InlineData(5.0, 0.1, 4.0, 0.1, CheckStatus.Passed)]
    public void Power_regresses_only_when_the_new_interval_lies_wholly_above_the_baselines(double before, double ciBefore, double after, double ciAfter, CheckStatus expected) =>
        Assert.Equal(expected, Only(Run("a", Figure(Quantities.Power, before, ciBefore)), Run("b", Figure(Quantities.Power, after, ciAfter))).Status);

    [Fact]
    public void Figures_from_different_sources_are_not_compared()
    {
        var check = Only(Run("a", Figure(Quantities.Power, 5, 0.1, source: "simulated:jetson")), Run("b", Figure(Quantities.Power, 9, 0.1)));
        Assert.Equal(CheckStatus.NotRun, check.Status);
        Assert.Contains("different sources", check.Detail);
    }

    [Fact]
    public void A_figure_missing_from_one_run_or_without_a_threshold_is_not_run()
    {
        var checks = RegressionComparison.Compare(
            Run("a", Figure(Quantities.Power, 5, 0.1), Figure(Quantities.IdlePower, 2)),
            Run("b", Figure(Quantities.IdlePower, 2.5), Figure(Quantities.LatencyP50, 3, unit: "ms")),
            new RegressionThresholds());
        Assert.All(checks, c => Assert.Equal(CheckStatus.NotRun, c.Status));
        Assert.Contains(checks, c => c.Check == Quantities.Power && c.Detail.Contains("run b has no power", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Check == Quantities.LatencyP50 && c.Detail.Contains("baseline run a has no", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Check == Quantities.IdlePower && c.Detail.Contains("no threshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Per_window_figures_are_left_to_their_summaries()
    {
        var window = Figure(Quantities.Power, 50, 0.1) with { Window = 3 };
        Assert.Equal(CheckStatus.Passed, Only(Run("a", Figure(Quantities.Power, 5, 0.1)), Run("b", Figure(Quantities.Power, 5, 0.1), window)).Status);
    }
}
