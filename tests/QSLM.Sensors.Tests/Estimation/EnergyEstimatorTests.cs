using QSLM.Sensors.Board;
using QSLM.Sensors.Estimation;

namespace QSLM.Sensors.Tests.Estimation;

public class EnergyEstimatorTests
{
    [Fact]
    public void Constants_are_Horowitz_45nm()
    {
        var c = EnergyConstants.Horowitz45nm;
        Assert.Equal(0.9, c.AccumulatePicojoules);
        Assert.Equal(4.6, c.MultiplyAccumulatePicojoules, 12);
        Assert.Equal(162.5, c.DramPicojoulesPerByte);
        Assert.Contains("ISSCC 2014", c.Citation);
    }

    [Fact]
    public void Prices_accumulates_multiply_accumulates_and_weight_bytes()
    {
        // 10 tokens; 1e6 MACs, 2e5 ACs; 4 MB of weights per token.
        var estimate = EnergyEstimator.Estimate(new OperationTally(Tokens: 10, MultiplyAccumulates: 1_000_000, Accumulates: 200_000, WeightBytesPerToken: 4_000_000));

        Assert.Equal((1e6 * 4.6) + (2e5 * 0.9), estimate.ComputeJoules * 1e12, 6);
        Assert.Equal(10 * 4e6 * 162.5, estimate.MemoryJoules * 1e12, 3);
        Assert.Equal(estimate.TotalJoules / 10 * 1e12, estimate.JoulesPerToken * 1e12, 6);
    }

    [Fact]
    public void An_integer_activation_multiply_accumulate_is_priced_by_its_operand_widths_far_below_a_float_one()
    {
        var c = EnergyConstants.Horowitz45nm;
        // Horowitz's table: 8-bit integer multiply 0.2 pJ, 32-bit integer add 0.1 pJ; two float multiplies and a
        // float add per scaled group.
        Assert.Equal(0.3, c.IntegerMultiplyAccumulatePicojoules, 12);
        Assert.Equal(8.3, c.GroupScalingPicojoules, 12);
        Assert.True(c.IntegerMultiplyAccumulatePicojoules < c.MultiplyAccumulatePicojoules);

        // 1e6 MACs of which 6.4e5 are integer ones in 2e4 groups of 32.
        var estimate = EnergyEstimator.Estimate(new OperationTally(10, 1_000_000, 200_000, 4_000_000, IntegerMultiplyAccumulates: 640_000, IntegerGroupScalings: 20_000));
        Assert.Equal((3.6e5 * 4.6) + (6.4e5 * 0.3) + (2e4 * 8.3) + (2e5 * 0.9), estimate.ComputeJoules * 1e12, 6);
        var allFloat = EnergyEstimator.Estimate(new OperationTally(10, 1_000_000, 200_000, 4_000_000));
        Assert.True(estimate.ComputeJoules < allFloat.ComputeJoules / 2);
    }

    [Fact]
    public void More_integer_multiply_accumulates_than_multiply_accumulates_are_refused() =>
        Assert.Throws<ArgumentException>(() => EnergyEstimator.Estimate(new OperationTally(1, 10, 0, 0, IntegerMultiplyAccumulates: 11)));

    [Fact]
    public void An_estimate_is_always_tagged_estimated()
    {
        var estimate = EnergyEstimator.Estimate(new OperationTally(1, 1, 1, 1));
        Assert.Equal(SourceKind.Estimated, estimate.Source.Kind);
        Assert.StartsWith("estimated:horowitz-45nm: ", estimate.Summary());
    }

    [Fact]
    public void Negative_counts_are_refused() =>
        Assert.Throws<ArgumentException>(() => EnergyEstimator.Estimate(new OperationTally(1, -1, 0, 0)));
}
