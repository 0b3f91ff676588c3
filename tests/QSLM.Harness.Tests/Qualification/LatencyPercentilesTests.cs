using QSLM.Harness.Qualification;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Tests.Qualification;

/// <summary>Per-token latency is each repeat's time over its tokens; p50 and p99 are nearest-rank percentiles over the repeats.</summary>
public sealed class LatencyPercentilesTests
{
    private static RunResult Run(int tokens, params double[] seconds) => new("h", tokens, 0, seconds, 0, 0, 0, [], null, null, null, "Scalar", 1);

    [Fact]
    public void The_percentiles_are_nearest_rank_over_the_repeats_per_token()
    {
        // 100 tokens per repeat: 10, 20, 30, 40 ms per token.
        var latency = LatencyPercentiles.Of(Run(100, 3.0, 1.0, 4.0, 2.0));
        Assert.Equal(20, latency.P50Ms, 9);
        Assert.Equal(40, latency.P99Ms, 9);
        Assert.Equal(4, latency.Repeats);
    }

    [Fact]
    public void With_a_hundred_repeats_the_99th_percentile_is_the_99th_value_not_the_slowest()
    {
        var seconds = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var latency = LatencyPercentiles.Of(Run(1000, seconds));
        Assert.Equal(99, latency.P99Ms, 9);
        Assert.Equal(50, latency.P50Ms, 9);
    }
}
