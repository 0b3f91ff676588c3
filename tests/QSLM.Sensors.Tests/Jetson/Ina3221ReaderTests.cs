using QSLM.Errors;
using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Jetson;

public class Ina3221ReaderTests
{
    private static void JetPack4Tree(string root)
    {
        FakeSysfs.Write(Path.Combine(root, "sys/bus/i2c/drivers/ina3221x/6-0040/iio:device0"), new Dictionary<string, string>
        {
            ["rail_name_0"] = "POM_5V_IN",
            ["in_power0_input"] = "4122",
            ["in_current0_input"] = "824",
            ["in_voltage0_input"] = "5000",
            ["rail_name_1"] = "POM_5V_GPU",
            ["in_power1_input"] = "0",
            ["in_current1_input"] = "0",
            ["in_voltage1_input"] = "5000",
            ["rail_name_2"] = "POM_5V_CPU",
            ["in_power2_input"] = "411",
            ["in_current2_input"] = "82",
            ["in_voltage2_input"] = "5000",
        });
    }

    /// <summary>An Orin Nano: one INA3221 whose hwmon number is not 0 (it changes between boots).</summary>
    private static void JetPack5Tree(string root, string hwmon = "hwmon3")
    {
        FakeSysfs.Write(Path.Combine(root, "sys/bus/i2c/drivers/ina3221/1-0040/hwmon", hwmon), new Dictionary<string, string>
        {
            ["name"] = "ina3221",
            ["in1_label"] = "VDD_IN",
            ["in1_input"] = "5072",
            ["curr1_input"] = "944",
            ["in2_label"] = "VDD_CPU_GPU_CV",
            ["in2_input"] = "5072",
            ["curr2_input"] = "95",
            ["in3_label"] = "VDD_SOC",
            ["in3_input"] = "5072",
            ["curr3_input"] = "284",
            ["in4_input"] = "1234",
            ["in5_input"] = "120",
            ["in6_input"] = "350", // shunt voltages, unlabelled
        });
    }

    [Fact]
    public void JetPack_4_IIO_rails_are_read_by_name()
    {
        using var tmp = new TemporaryFolder();
        JetPack4Tree(tmp.Path);
        var reader = Assert.Single(Ina3221IioReader.Discover(tmp.Path));
        var rails = reader.Read();

        Assert.Equal(["POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU"], rails.Select(r => r.Name));
        Assert.Equal(4122, rails[0].Milliwatts);
        Assert.Equal(824, rails[0].Milliamperes);
        Assert.Equal(5000, rails[0].Millivolts);
    }

    [Theory]
    [InlineData("hwmon0")]
    [InlineData("hwmon5")]
    public void JetPack_5_hwmon_rails_are_found_by_label_whatever_the_hwmon_number(string hwmon)
    {
        using var tmp = new TemporaryFolder();
        JetPack5Tree(tmp.Path, hwmon);
        var rails = Assert.Single(Ina3221HwmonReader.Discover(tmp.Path)).Read();

        Assert.Equal(["VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC"], rails.Select(r => r.Name));
        Assert.Equal(5072 * 944 / 1000.0, rails[0].Milliwatts, 9);
    }

    [Fact]
    public void The_sensor_takes_VDD_IN_on_an_Orin_Nano_and_keeps_every_rail()
    {
        using var tmp = new TemporaryFolder();
        JetPack5Tree(tmp.Path);
        using var sensor = JetsonPowerSensor.Discover(FakeClocks.Create(), tmp.Path);
        var reading = sensor.Read();

        Assert.Equal("measured:jetson-VDD_IN", reading.Source.ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(20), sensor.MinimumInterval);
        Assert.Equal(5072 * 944 / 1e6, (double)reading.Power.Watts, 9);
        Assert.Equal(3, reading.Rails.Count);
    }

    [Fact]
    public void The_sensor_reads_no_faster_than_the_driver_converts()
    {
        using var tmp = new TemporaryFolder();
        JetPack5Tree(tmp.Path);
        File.WriteAllText(Path.Combine(tmp.Path, "sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3/update_interval"), "8\n");
        using var sensor = JetsonPowerSensor.Discover(FakeClocks.Create(), tmp.Path);
        Assert.Equal(TimeSpan.FromMilliseconds(8), sensor.MinimumInterval);
    }

    [Fact]
    public void The_sensor_takes_POM_5V_IN_on_a_Nano()
    {
        using var tmp = new TemporaryFolder();
        JetPack4Tree(tmp.Path);
        using var sensor = JetsonPowerSensor.Discover(FakeClocks.Create(), tmp.Path);

        Assert.Equal(4.122, (double)sensor.Read().Power.Watts, 9);
        Assert.Equal("jetson-POM_5V_IN", sensor.Id);
    }

    [Fact]
    public void An_AGX_Orin_without_a_total_rail_sums_both_devices()
    {
        using var tmp = new TemporaryFolder();
        var driver = Path.Combine(tmp.Path, "sys/bus/i2c/drivers/ina3221");
        FakeSysfs.Write(Path.Combine(driver, "1-0040/hwmon/hwmon2"), new Dictionary<string, string>
        {
            ["in1_label"] = "VDD_GPU_SOC",
            ["in1_input"] = "19000",
            ["curr1_input"] = "300",
            ["in2_label"] = "VDD_CPU_CV",
            ["in2_input"] = "19000",
            ["curr2_input"] = "100",
            ["in3_label"] = "VIN_SYS_5V0",
            ["in3_input"] = "5000",
            ["curr3_input"] = "400",
        });
        FakeSysfs.Write(Path.Combine(driver, "1-0041/hwmon/hwmon3"), new Dictionary<string, string>
        {
            ["in2_label"] = "VDDQ_VDD2_1V8AO",
            ["in2_input"] = "5000",
            ["curr2_input"] = "200",
        });
        using var sensor = JetsonPowerSensor.Discover(FakeClocks.Create(), tmp.Path);
        var reading = sensor.Read();

        Assert.Equal("jetson-rail-sum", sensor.Id);
        Assert.Equal((19.0 * 0.3) + (19.0 * 0.1) + (5.0 * 0.4) + (5.0 * 0.2), (double)reading.Power.Watts, 9);
        Assert.Equal(4, reading.Rails.Count);
    }

    [Fact]
    public void No_INA3221_is_a_clear_error()
    {
        using var tmp = new TemporaryFolder();
        var e = Assert.Throws<InputException>(() => JetsonPowerSensor.Discover(FakeClocks.Create(), tmp.Path));
        Assert.Contains("ina3221", e.Message);
    }
}
