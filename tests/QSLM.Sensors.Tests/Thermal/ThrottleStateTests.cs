using QSLM.Sensors.Board.Thermal;

namespace QSLM.Sensors.Tests.Thermal;

/// <summary>Throttle state from a fake <c>vcgencmd</c> and a fake Jetson INA3221 hwmon tree.</summary>
public sealed class ThrottleStateTests
{
    [Theory]
    [InlineData("throttled=0x50005\n", true, "vcgencmd get_throttled=0x50005 (now: under-voltage, throttled; since boot: under-voltage, throttled)")]
    [InlineData("throttled=0x50000\n", false, "vcgencmd get_throttled=0x50000 (since boot: under-voltage, throttled)")]
    [InlineData("throttled=0x8", true, "vcgencmd get_throttled=0x8 (now: soft temperature limit)")]
    [InlineData("throttled=0x0", false, "vcgencmd get_throttled=0x0")]
    public void Get_throttled_bits_0_to_3_say_what_holds_now(string output, bool now, string described)
    {
        var flags = ThrottledFlags.Parse(output)!;
        Assert.Equal(now, flags.Now);
        Assert.Equal(described, flags.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("error=1 error_msg=\"Command not registered\"")]
    [InlineData("throttled=0xZZ")]
    public void Anything_else_is_no_reading(string output) => Assert.Null(ThrottledFlags.Parse(output));

    [Fact]
    public void A_pi_reports_its_hottest_zone_and_throttling_from_its_own_vcgencmd()
    {
        using var tree = new TemporaryFolder();
        FakeSysfs.Write(tree.File("sys/class/thermal/thermal_zone0"), new Dictionary<string, string> { ["temp"] = "81500" });
        var bin = tree.File("bin");
        Directory.CreateDirectory(bin);
        var log = tree.File("vcgencmd.log");
        var vcgencmd = Path.Combine(bin, "vcgencmd");
        File.WriteAllText(vcgencmd, $"#!/bin/sh\necho \"$*\" >> '{log}'\necho throttled=0x20004\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(vcgencmd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var probe = ThermalProbe.Open(tree.Path, bin);
        var reading = probe.Read();

        Assert.False(probe.IsEmpty);
        Assert.Equal(81.5, reading.MaxCelsius);
        Assert.True(reading.Throttled);
        Assert.Equal("vcgencmd get_throttled=0x20004 (now: throttled; since boot: arm frequency capped)", reading.Detail);
        Assert.Equal(["get_throttled"], File.ReadAllLines(log)); // the one fixed command
    }

    [Fact]
    public void A_jetson_throttled_when_an_over_current_counter_grew_since_the_previous_reading()
    {
        using var tree = new TemporaryFolder();
        var hwmon = tree.File("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3");
        FakeSysfs.Write(hwmon, new Dictionary<string, string> { ["in1_label"] = "VDD_IN", ["oc1_event_cnt"] = "3", ["oc2_event_cnt"] = "0" });
        var probe = ThermalProbe.Open(tree.Path, tree.File("no-programs"));

        Assert.Equal(new ThermalReading(null, false, null), probe.Read()); // events before the probe opened are not counted
        File.WriteAllText(Path.Combine(hwmon, "oc1_event_cnt"), "5\n");
        Assert.Equal(new ThermalReading(null, true, "oc1_event_cnt +2"), probe.Read());
        Assert.Equal(new ThermalReading(null, false, null), probe.Read());
    }

    [Fact]
    public void A_board_with_no_source_reports_no_throttle_state()
    {
        using var tree = new TemporaryFolder();
        var probe = ThermalProbe.Open(tree.Path, tree.File("no-programs"));
        Assert.True(probe.IsEmpty);
        Assert.Equal(new ThermalReading(null, null, null), probe.Read());
    }
}
