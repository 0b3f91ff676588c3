using Microsoft.Extensions.Time.Testing;
using QSLM.Agent.Sensors;
using QSLM.Sensors.Discovery;

namespace QSLM.Agent.Tests.Sensors;

/// <summary>The agent announces each sensor by the spec the host opens it with, tagged as the host's sensor of that spec tags its readings.</summary>
public sealed class SensorIdAgreementTests
{
    [Fact]
    public void Every_power_sensor_the_agent_announces_opens_on_the_host_by_its_name_with_the_same_source()
    {
        using var tree = new TemporaryFolder("qslm-fake-sysfs-");
        Write(tree.Path, "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3", new() { ["in1_label"] = "VDD_IN", ["in1_input"] = "5000", ["curr1_input"] = "1000", ["in2_label"] = "VDD_SOC", ["in2_input"] = "5000", ["curr2_input"] = "250" });
        Write(tree.Path, "sys/class/powercap/intel-rapl:0", new() { ["name"] = "package-0", ["energy_uj"] = "1000", ["max_energy_range_uj"] = "262143328850" });
        Write(tree.Path, "sys/class/hwmon/hwmon1", new() { ["name"] = "ina226", ["power1_label"] = "vdd soc", ["power1_input"] = "2000000" });
        Write(tree.Path, "proc", new() { ["meminfo"] = "MemTotal: 8000000 kB\nMemAvailable: 6000000 kB" });

        var announced = OnboardSensors.Discover(tree.Path, path: tree.Path).Infos.Where(s => s.Quantity is "power" or "energy").ToList();

        Assert.Equal(["jetson:VDD_IN", "jetson:VDD_SOC", "jetson", "rapl:package-0", "hwmon:ina226:vdd soc"], announced.Select(s => s.Name));
        foreach (var sensor in announced)
        {
            using var opened = SensorSpec.Open(sensor.Name, new FakeTimeProvider(), root: tree.Path);
            Assert.Equal(opened.Source, sensor.Source);
            Assert.Equal("measured:" + opened.Id, sensor.Source.ToString());
        }
    }

    private static void Write(string root, string directory, Dictionary<string, string> files)
    {
        var path = Path.Combine(root, directory);
        Directory.CreateDirectory(path);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(path, name), text + "\n");
    }
}
