using QSLM.Sensors.Board.NvidiaSmi;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.NvidiaSmi;

public class NvidiaSmiTests
{
    [Theory]
    [InlineData("78.45, 77.91", 78.45, 77.91)]
    [InlineData("120.03 W, 131.50 W", 120.03, 131.50)]
    [InlineData("78.45, [N/A]", 78.45, null)]
    [InlineData("[Not Supported], 64.2", null, 64.2)]
    public void Parses_values_with_and_without_units_and_unavailable_fields(string line, double? draw, double? instant)
    {
        var (sample, reason) = NvidiaSmiParser.Parse(line);
        Assert.Null(reason);
        Assert.Equal(draw, sample!.DrawWatts);
        Assert.Equal(instant, sample.InstantWatts);
        Assert.Equal(instant ?? draw, sample.Watts);
    }

    [Theory]
    [InlineData("78.45", "2 comma-separated")]
    [InlineData("78.45, 77.91, 1", "2 comma-separated")]
    [InlineData("78.45, abc", "neither watts")]
    [InlineData("-3, 4", "neither watts")]
    [InlineData("1e308, 4", "neither watts")]
    [InlineData("78.45, 2000.01", "neither watts")]
    [InlineData("[N/A], [N/A]", "no power reading")]
    public void Malformed_lines_give_a_reason(string line, string reason)
    {
        var (sample, why) = NvidiaSmiParser.Parse(line);
        Assert.Null(sample);
        Assert.Contains(reason, why);
    }

    [Fact]
    public void The_header_is_neither_a_sample_nor_a_skipped_line()
    {
        var log = NvidiaSmiParser.ParseLog(["power.draw [W], power.draw.instant [W]", "80.1, 81.2", "oops", "82.0, 83.5"]);
        Assert.Equal([81.2, 83.5], log.Items.Select(s => s.Watts!.Value));
        Assert.Equal(3, Assert.Single(log.Skipped).LineNumber);
    }

    [Fact]
    public void The_streaming_sensor_stamps_each_line_and_counts_bad_ones()
    {
        var clock = FakeClocks.Create();
        using var sensor = new NvidiaSmiSensor(new StringReader("power.draw, power.draw.instant\n78.5, 79.0\nNVML error\n90.25, 91.5\n"), clock, TimeSpan.FromMilliseconds(10));

        var a = sensor.Read();
        clock.Advance(TimeSpan.FromMilliseconds(10));
        var b = sensor.Read();
        clock.Advance(TimeSpan.FromMilliseconds(10));
        var c = sensor.Read();
        var end = sensor.Read();

        Assert.Equal("measured:nvidia-smi-gpu0", a.Source.ToString());
        Assert.Equal(79.0, (double)a.Power.Watts);
        Assert.False(b.IsValid);
        Assert.Equal(91.5, (double)c.Power.Watts);
        Assert.Equal(TimeSpan.FromMilliseconds(20), c.Timestamp);
        Assert.False(end.IsValid);
        Assert.Contains("ended", end.Problem);
        Assert.Equal(1, sensor.Skipped);
    }

    [Fact]
    public void Arguments_ask_for_both_power_fields_as_bare_csv() =>
        Assert.Equal(["--query-gpu=power.draw,power.draw.instant", "--format=csv,noheader,nounits", "-lms", "20", "-i", "1"], NvidiaSmiParser.Arguments(20, 1));
}
