using QSLM.Harness.Search;

using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Search;

public class BoardPowerTests
{
    private static readonly SourceTag Sensor = SourceTag.Parse("measured:ina219-test");

    /// <summary>2 W idle, 6 W from 0.9 s to 3.1 s and from 4.9 s to 7.1 s, one sample every 10 ms.</summary>
    private static SampleSeries TwoBursts() => new(Sensor, [.. Enumerable.Range(0, 1001).Select(i =>
    {
        var t = i / 100.0;
        var busy = t is >= 0.9 and <= 3.1 or >= 4.9 and <= 7.1;
        return new PowerReading { Timestamp = TimeSpan.FromSeconds(t), Power = UnitsNet.Power.FromWatts(busy ? 6 : 2), Source = Sensor };
    })]);

    [Fact]
    public void Windows_cut_at_the_marks_give_the_busy_power_and_energy_per_token()
    {
        var power = BoardPower.FromWindows(TwoBursts(), [(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7))], tokensPerRepeat: 100);

        Assert.Equal(6, power.Watts, 1e-9);
        Assert.Equal(0, power.Ci95Watts!.Value, 1e-9);
        // 6 W for 2 s is 12 J per repeat, over 100 tokens.
        Assert.Equal(0.12, power.JoulesPerToken, 1e-9);
        Assert.Equal(Sensor, power.Source);
    }

    [Fact]
    public void A_window_that_takes_in_idle_time_lowers_the_mean()
    {
        var power = BoardPower.FromWindows(TwoBursts(), [(TimeSpan.FromSeconds(0), TimeSpan.FromSeconds(4))], tokensPerRepeat: 10);
        Assert.InRange(power.Watts, 3.9, 4.5);
        Assert.Null(power.Ci95Watts);
    }

    [Fact]
    public void A_run_without_marks_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => BoardPower.FromWindows(TwoBursts(), [], tokensPerRepeat: 10));

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
