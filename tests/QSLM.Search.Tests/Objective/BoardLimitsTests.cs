using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Objective;
using QSLM.Sensors.Board;

namespace QSLM.Search.Tests.Objective;

public sealed class BoardLimitsTests
{
    private static BoardMeasurement Measured(double latencyMs, double watts, double? wattsCi, double joules, double? joulesCi, SourceTag source) =>
        new(0.8, latencyMs, 1_000_000, watts, wattsCi, joules, source) { EnergyCi95JoulesPerToken = joulesCi };

    private static readonly SourceTag Sensor = SourceTag.Measured("ina219-1-0x40");

    [Fact]
    public void Power_and_energy_are_bounded_at_the_upper_end_of_their_95_percent_interval()
    {
        var limits = new BoardLimits(MaxPowerWatts: 3, MaxEnergyJoulesPerToken: 0.010);

        Assert.True(limits.Check(Measured(5, 2.9, 0.1, 0.009, 0.001, Sensor)).Met);
        var power = limits.Check(Measured(5, 2.9, 0.2, 0.009, 0.0005, Sensor));
        Assert.Equal(["power 2.9 ± 0.2 W, measured:ina219-1-0x40 over 3 at its upper 95% bound"], power.Violations);
        var energy = limits.Check(Measured(5, 2.5, 0.1, 0.0095, 0.001, Sensor));
        Assert.Equal(["energy 9.5 ± 1 mJ/token, measured:ina219-1-0x40 over 10 at its upper 95% bound"], energy.Violations);
    }

    [Fact]
    public void A_figure_without_an_interval_is_bounded_as_it_is()
    {
        var limits = new BoardLimits(MaxLatencyMs: 5, MaxEnergyJoulesPerToken: 0.010);

        Assert.True(limits.Check(Measured(5, 2.5, null, 0.010, null, Sensor)).Met);
        Assert.Equal(["latency 5.5 ms/token over 5"], limits.Check(Measured(5.5, 2.5, null, 0.010, null, Sensor)).Violations);
    }

    [Fact]
    public void A_bounded_figure_the_board_did_not_give_misses_its_bound()
    {
        var verdict = new BoardLimits(MaxPowerWatts: 3).Check(new BoardMeasurement(0.8, 5, 1_000_000, null, null, null, null));

        Assert.False(verdict.Met);
        Assert.Equal(["power not measured (bound 3 W)"], verdict.Violations);
    }

    [Fact]
    public void An_estimated_figure_that_decides_a_bound_is_named_in_the_verdict_and_a_latency_bound_alone_names_none()
    {
        var estimate = SourceTag.Estimated("horowitz-45nm");
        var met = new BoardLimits(MaxEnergyJoulesPerToken: 1).Check(Measured(5, 2.5, null, 0.01, null, estimate));
        var missed = new BoardLimits(MaxPowerWatts: 1).Check(Measured(5, 2.5, null, 0.01, null, estimate));
        var latencyOnly = new BoardLimits(MaxLatencyMs: 10).Check(Measured(5, 2.5, null, 0.01, null, estimate));

        Assert.Equal(estimate, met.EstimatedSource);
        Assert.Equal("board limits met by estimated figures (estimated:horowitz-45nm)", met.ToString());
        Assert.EndsWith("(estimated figures: estimated:horowitz-45nm)", missed.ToString(), StringComparison.Ordinal);
        Assert.Null(latencyOnly.EstimatedSource);
        Assert.Equal("board limits met", latencyOnly.ToString());
    }

    [Theory]
    [InlineData(0.0, null, null)]
    [InlineData(null, -1.0, null)]
    [InlineData(null, null, double.NaN)]
    [InlineData(double.PositiveInfinity, null, null)]
    public void A_bound_that_is_not_a_positive_finite_number_is_refused(double? latency, double? power, double? energy)
    {
        Assert.Throws<InputException>(() => new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, 1) { Limits = new BoardLimits(latency, power, energy) }.Validate());
    }
}
