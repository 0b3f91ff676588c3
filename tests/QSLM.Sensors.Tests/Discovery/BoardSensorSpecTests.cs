using QSLM.Errors;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Discovery;

/// <summary>The board-side specs open through the buses given, so a simulated I2C bus or PMIC stands in for the board's own.</summary>
public sealed class BoardSensorSpecTests
{
    [Fact]
    public void An_ina219_spec_opens_the_device_the_bus_gives_at_its_address_with_the_specs_shunt_and_range()
    {
        var clock = FakeClocks.Create();
        var asked = new List<(int Bus, int Address, string Spec)>();
        var buses = new BoardBuses(OpenI2c: (address, spec) =>
        {
            asked.Add((address.BusId, address.DeviceAddress, spec));
            return new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(5), ElectricCurrent.FromAmperes(0.5)), clock, settings: address);
        });

        using var sensor = BoardSensorSpec.Open("ina219:3:0x41:0.05:2", clock, buses: buses);

        Assert.Equal([(3, 0x41, "ina219:3:0x41:0.05:2")], asked);
        var ina = Assert.IsType<Ina219Sensor>(sensor);
        Assert.Equal((0.05, 2.0), (ina.Settings.Shunt.Ohms, ina.Settings.MaxExpectedCurrent.Amperes));
        Assert.Equal("simulated:ina219-constant", sensor.Source.ToString());
    }

    [Fact]
    public async Task A_pmic_spec_reads_the_text_the_buses_give()
    {
        var buses = new BoardBuses(ReadPmicAdc: () => "VDD_CORE_A current(7)=2.0A\nVDD_CORE_V volt(15)=0.8V\n");
        using var sensor = BoardSensorSpec.Open("pmic", FakeClocks.Create(), buses: buses);
        Assert.Equal(1.6, (double)(await sensor.ReadAsync()).Power.Watts, 9);
    }

    [Theory]
    [InlineData("simulated", false)]
    [InlineData("ina219:1", false)]
    [InlineData("ina219:1:0x40", true)]
    [InlineData("jetson:VDD_IN", true)]
    [InlineData("hwmon:ina226", false)]
    [InlineData("nvidia-smi:0:20", true)]
    public void Names_tells_the_board_side_spec_forms_from_others(string spec, bool named)
    {
        Assert.Equal(named, BoardSensorSpec.Names(spec));
        if (!named) Assert.Contains("unknown sensor", Assert.Throws<InputException>(() => BoardSensorSpec.Open(spec, FakeClocks.Create())).Message);
    }

    [Fact]
    public void Without_a_bus_an_i2c_spec_names_the_missing_device_node()
    {
        var refused = Assert.Throws<InputException>(() => BoardSensorSpec.Open("ina236:97:0x40", FakeClocks.Create(), buses: new BoardBuses()));
        Assert.Contains("/dev/i2c-97", refused.Message);
    }
}
