using QSLM.Harness.Search;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Tests.Search;

public class BoardPowerTests
{
    [Fact]
    public void Without_a_sensor_the_figure_is_estimated_and_scales_with_the_operations()
    {
        static RunResult Run(long macs) => new("00", 100, 10, [0.5, 0.5], macs, 0, 0, [], null, null, null, "scalar", 1);

        var small = BoardPower.Estimate(Run(1_000_000), weightBytesPerToken: 0);
        var large = BoardPower.Estimate(Run(2_000_000), weightBytesPerToken: 0);

        Assert.StartsWith("estimated:", small.Source.ToString());
        Assert.Equal(2 * small.JoulesPerToken, large.JoulesPerToken, 1e-15);
        // Energy per token times tokens per repeat over the repeat's 0.5 s.
        Assert.Equal(small.JoulesPerToken * 100 / 0.5, small.Watts, 1e-12);
    }

    [Fact]
    public void Integer_multiply_accumulates_reported_by_the_board_are_priced_below_float_ones()
    {
        var float32 = BoardPower.Estimate(new RunResult("00", 100, 10, [0.5], 1_000_000, 0, 0, [], null, null, null, "scalar", 1), weightBytesPerToken: 0);
        var a8 = BoardPower.Estimate(new RunResult("00", 100, 10, [0.5], 1_000_000, 0, 0, [], null, null, null, "scalar", 1,
            IntegerMultiplyAccumulates: 1_000_000, IntegerGroupScalings: 1_000_000 / 32), weightBytesPerToken: 0);

        Assert.StartsWith("estimated:", a8.Source.ToString());
        Assert.True(a8.JoulesPerToken < float32.JoulesPerToken / 5, $"{a8.JoulesPerToken} J/token for int8 arithmetic against {float32.JoulesPerToken} for float");
    }
}
