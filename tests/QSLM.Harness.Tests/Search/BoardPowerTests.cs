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
}
