using QSLM.Sensors.Board.Discovery;

namespace QSLM.Sensors.Tests.Discovery;

public class SensorDiscoveryTests
{
    [Fact]
    public void Finds_Jetson_rails_RAPL_hwmon_power_channels_and_programs_on_the_path()
    {
        using var tmp = new TemporaryFolder();
        FakeSysfs.Write(Path.Combine(tmp.Path, "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon4"), new Dictionary<string, string>
        {
            ["in1_label"] = "VDD_IN",
            ["in1_input"] = "5000",
            ["curr1_input"] = "900",
        });
        FakeSysfs.Write(Path.Combine(tmp.Path, "sys/class/powercap/intel-rapl:0"), new Dictionary<string, string> { ["name"] = "package-0", ["energy_uj"] = "1", ["max_energy_range_uj"] = "9" });
        FakeSysfs.Write(Path.Combine(tmp.Path, "sys/class/hwmon/hwmon0"), new Dictionary<string, string> { ["name"] = "coretemp", ["temp1_input"] = "40000" });
        FakeSysfs.Write(Path.Combine(tmp.Path, "sys/class/hwmon/hwmon1"), new Dictionary<string, string> { ["name"] = "ina226", ["power1_label"] = "bus", ["power1_input"] = "1000000" });
        FakeSysfs.Write(Path.Combine(tmp.Path, "bin"), new Dictionary<string, string> { ["nvidia-smi"] = "#!/bin/sh" });

        var found = SensorDiscovery.Find(tmp.Path, Path.Combine(tmp.Path, "bin"));

        Assert.Equal(["jetson", "rapl:package-0", "hwmon:ina226:bus", "nvidia-smi"], found.Select(f => f.Spec));
        Assert.Contains("board total VDD_IN", found[0].Description);
    }

    [Fact]
    public void An_empty_machine_has_nothing()
    {
        using var tmp = new TemporaryFolder();
        Assert.Empty(SensorDiscovery.Find(tmp.Path, tmp.Path));
    }
}
