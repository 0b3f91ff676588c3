using QSLM.Sensors.Board.Rapl;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Rapl;

public class RaplTests
{
    [Theory]
    [InlineData(1_000, 5_000, 262_143_328_850, 4_000)]
    [InlineData(262_143_000_000, 500_000, 262_143_328_850, 828_850)]
    [InlineData(7, 7, 100, 0)]
    public void Delta_handles_the_wrap_at_max_energy_range(long previous, long current, long max, long expected) =>
        Assert.Equal(expected, RaplZone.Delta(previous, current, max));

    [Fact]
    public void The_sensor_gives_power_across_a_wrap_and_keeps_the_total()
    {
        using var tmp = new TemporaryFolder();
        var zone = Path.Combine(tmp.Path, "intel-rapl:0");
        FakeSysfs.Write(zone, new Dictionary<string, string> { ["name"] = "package-0", ["max_energy_range_uj"] = "1000000", ["energy_uj"] = "900000" });
        FakeSysfs.Write(Path.Combine(tmp.Path, "intel-rapl:0:0"), new Dictionary<string, string> { ["name"] = "core", ["max_energy_range_uj"] = "1000000", ["energy_uj"] = "0" });
        var clock = FakeClocks.Create();
        var found = Assert.Single(RaplZone.Discover(tmp.Path));
        using var sensor = new RaplSensor(found, clock);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "950000\n");
        var before = sensor.Read();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "50000\n"); // wrapped: 50,000 to the top, 50,000 after
        var across = sensor.Read();

        Assert.Equal("measured:rapl-package-0", before.Source.ToString());
        Assert.Equal(0.5, (double)before.Power.Watts, 9);
        Assert.Equal(1.0, (double)across.Power.Watts, 9);
        Assert.Equal(0.15, sensor.Joules, 12);
    }

    [Fact]
    public void An_unreadable_counter_is_a_clear_error()
    {
        using var tmp = new TemporaryFolder();
        FakeSysfs.Write(Path.Combine(tmp.Path, "intel-rapl:1"), new Dictionary<string, string> { ["name"] = "package-1", ["max_energy_range_uj"] = "1000" });
        var e = Assert.Throws<IOException>(() => new RaplSensor(RaplZone.Discover(tmp.Path)[0], FakeClocks.Create()));
        Assert.Contains("energy_uj", e.Message);
    }
}
