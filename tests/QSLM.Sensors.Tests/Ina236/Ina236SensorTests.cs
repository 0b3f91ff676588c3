using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Ina236;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Ina236;

public class Ina236SensorTests
{
    [Fact]
    public void Reads_signed_current_bus_voltage_and_power_from_the_registers()
    {
        var device = new FakeIna236();
        using var sensor = new Ina236Sensor(device, ElectricResistance.FromMilliohms(8), ElectricCurrent.FromAmperes(10), FakeClocks.Create(), SourceTag.Simulated("fake-ina236"));
        var cal = device[5];
        Assert.NotEqual(0, cal);
        var lsb = 0.00512 / (0.008 * cal); // SBOSA21 Equation 3 solved for Current_LSB

        device[4] = unchecked((ushort)(short)-1000); // current register
        device[2] = 7500;                            // bus, 1.6 mV per bit: 12 V
        device[3] = 600;                             // power, 32 × Current_LSB per bit
        var reading = sensor.Read();

        Assert.Equal(-1000 * lsb, reading.Current!.Value.Amperes, 9);
        Assert.Equal(12.0, reading.Voltage!.Value.Volts, 9);
        Assert.Equal(-600 * 32 * lsb, (double)reading.Power.Watts, 6);
        Assert.Equal("simulated:fake-ina236", reading.Source.ToString());
        Assert.Equal("ina236-1-0x40", sensor.Id);
    }

    [Fact]
    public void A_device_with_the_wrong_id_is_refused()
    {
        var device = new FakeIna236 { [0x3F] = 0x2260 };
        Assert.Throws<InvalidOperationException>(() => new Ina236Sensor(device, ElectricResistance.FromMilliohms(8), ElectricCurrent.FromAmperes(10), FakeClocks.Create()));
    }
}
