using QSLM.Sensors.Board.Hwmon;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Hwmon;

public class HwmonReaderTests
{
    [Fact]
    public void Channels_are_grouped_by_label_across_in_curr_and_power_files()
    {
        using var tmp = new TemporaryFolder();
        FakeSysfs.Write(Path.Combine(tmp.Path, "hwmon7"), new Dictionary<string, string>
        {
            ["name"] = "ina226",
            ["in1_label"] = "vbus",
            ["in1_input"] = "12010",
            ["curr1_label"] = "vbus",
            ["curr1_input"] = "1500",
            ["power1_label"] = "vbus",
            ["power1_input"] = "18000000",
            ["power1_average"] = "17000000",
            ["in0_input"] = "3300",
            ["update_interval"] = "35",
        });
        var reader = Assert.Single(HwmonReader.Find(tmp.Path, "ina226"));
        var channels = reader.Read();

        var bus = Assert.Single(channels, c => c.Label == "vbus");
        Assert.Equal(12010, bus.Millivolts);
        Assert.Equal(1500, bus.Milliamperes);
        Assert.Equal(18.0, bus.Watts);
        Assert.Equal(3300, Assert.Single(channels, c => c.Label == "in0").Millivolts);
        Assert.Equal(35, reader.UpdateIntervalMs);
        Assert.Empty(HwmonReader.Find(tmp.Path, "coretemp"));
    }

    [Fact]
    public void Power_is_V_times_I_where_there_is_no_power_file_and_the_sensor_uses_the_update_interval()
    {
        using var tmp = new TemporaryFolder();
        FakeSysfs.Write(Path.Combine(tmp.Path, "hwmon1"), new Dictionary<string, string>
        {
            ["name"] = "ina226",
            ["in2_label"] = "VDD_SOC",
            ["in2_input"] = "5000",
            ["curr2_label"] = "VDD_SOC",
            ["curr2_input"] = "300",
            ["update_interval"] = "8",
        });
        using var sensor = new HwmonPowerSensor(HwmonReader.Find(tmp.Path)[0], "vdd_soc", FakeClocks.Create());
        var reading = sensor.Read();

        Assert.Equal(1.5, (double)reading.Power.Watts, 12);
        Assert.Equal("measured:hwmon-ina226-vdd_soc", reading.Source.ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(8), sensor.MinimumInterval);
    }

    [Fact]
    public void A_missing_label_gives_an_invalid_reading()
    {
        using var tmp = new TemporaryFolder();
        FakeSysfs.Write(Path.Combine(tmp.Path, "hwmon0"), new Dictionary<string, string> { ["name"] = "x", ["in1_input"] = "5000" });
        using var sensor = new HwmonPowerSensor(new HwmonReader(Path.Combine(tmp.Path, "hwmon0")), "in1", FakeClocks.Create());

        var reading = sensor.Read();
        Assert.False(reading.IsValid);
        Assert.Contains("in1", reading.Problem);
    }
}
