using QSLM.Boards.Tests.Fixtures;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>The agent's sensors through the protocol: <c>serve --sensors-root</c> pointed at a fake
/// sysfs tree with a Jetson Orin's INA3221 (JetPack 5/6 hwmon layout) and a /proc/meminfo.</summary>
public sealed class AgentSensorsTests
{
    [Fact]
    public async Task Hello_announces_each_ina3221_rail_the_total_and_mem_available_and_read_sensors_reads_them()
    {
        using var tree = new TemporaryFolder("qslm-fake-sysfs-");
        var hwmon = tree.File("sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon5");
        Directory.CreateDirectory(hwmon);
        // Rail K: label, bus voltage in mV, current in mA (Linux Documentation/hwmon/ina3221.rst).
        foreach (var (k, label, mv, ma) in new[] { (1, "VDD_IN", 5000, 1000), (2, "VDD_CPU_GPU_CV", 5000, 300), (3, "VDD_SOC", 5000, 250) })
        {
            File.WriteAllText(Path.Combine(hwmon, $"in{k}_label"), label + "\n");
            File.WriteAllText(Path.Combine(hwmon, $"in{k}_input"), $"{mv}\n");
            File.WriteAllText(Path.Combine(hwmon, $"curr{k}_input"), $"{ma}\n");
        }
        Directory.CreateDirectory(tree.File("proc"));
        File.WriteAllText(tree.File("proc/meminfo"), "MemTotal:        8000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\n");

        await using var board = new LocalBoard(serveOptions: ["--sensors-root", tree.Path]);
        var hello = await board.Session.ConnectAsync();
        // Each sensor is announced by the spec that opens it on the host (--sensor jetson:VDD_IN) and tagged as that sensor's readings are.
        Assert.Equal(["jetson:VDD_IN", "jetson:VDD_CPU_GPU_CV", "jetson:VDD_SOC", "jetson", "MemAvailable"], hello.Sensors.Select(s => s.Name));
        Assert.Equal("measured:jetson-VDD_IN", hello.Sensors.Single(s => s.Name == "jetson").Source.ToString());

        var readings = (await board.Session.ReadSensorsAsync()).Readings.ToDictionary(r => r.Name);
        Assert.Equal(5.0, readings["jetson:VDD_IN"].Value, 9);
        Assert.Equal("W", readings["jetson:VDD_IN"].Unit);
        Assert.Equal("measured:jetson-VDD_IN", readings["jetson:VDD_IN"].Source.ToString());
        Assert.Equal(1.5, readings["jetson:VDD_CPU_GPU_CV"].Value, 9);
        Assert.Equal(5.0, readings["jetson"].Value, 9);
        Assert.Equal(6_000_000L * 1024, readings["MemAvailable"].Value);
        Assert.Equal("B", readings["MemAvailable"].Unit);
        Assert.Equal("measured:meminfo", readings["MemAvailable"].Source.ToString());

        // Read again after the rail changes: the agent reads the files each time, not a copy from start-up.
        File.WriteAllText(Path.Combine(hwmon, "curr1_input"), "1200\n");
        var again = (await board.Session.ReadSensorsAsync()).Readings.ToDictionary(r => r.Name);
        Assert.Equal(6.0, again["jetson:VDD_IN"].Value, 9);
    }

    [Fact]
    public async Task An_agent_on_an_empty_tree_announces_no_power_sensor_and_reads_none()
    {
        using var tree = new TemporaryFolder("qslm-empty-sysfs-");
        await using var board = new LocalBoard(serveOptions: ["--sensors-root", tree.Path]);
        var hello = await board.Session.ConnectAsync();
        Assert.DoesNotContain(hello.Sensors, s => s.Name.StartsWith("jetson", StringComparison.Ordinal) || s.Name.StartsWith("hwmon", StringComparison.Ordinal) || s.Name.StartsWith("rapl", StringComparison.Ordinal));
        Assert.DoesNotContain((await board.Session.ReadSensorsAsync()).Readings, r => r.Name.StartsWith("jetson", StringComparison.Ordinal));
    }
}
