using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Ina219;

public class SimulatedIna219Tests
{
    private static SimulatedIna219 Device(FakeTimeProvider clock, double volts = 12, double amperes = 1) =>
        new(SimulatedLoad.Constant(ElectricPotential.FromVolts(volts), ElectricCurrent.FromAmperes(amperes)), clock);

    private static void WriteRegister(SimulatedIna219 device, Ina219Register register, ushort value) =>
        device.Write([(byte)register, (byte)(value >> 8), (byte)value]);

    private static ushort ReadRegister(SimulatedIna219 device, Ina219Register register)
    {
        var buffer = new byte[2];
        device.WriteRead([(byte)register], buffer);
        return (ushort)((buffer[0] << 8) | buffer[1]);
    }

    [Fact]
    public void Powers_on_with_the_datasheet_defaults_and_resets_on_bit_15()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock);
        Assert.Equal(0x399F, ReadRegister(device, Ina219Register.Configuration));

        WriteRegister(device, Ina219Register.Calibration, 4096);
        WriteRegister(device, Ina219Register.Configuration, 0x0007);
        WriteRegister(device, Ina219Register.Configuration, Ina219Bits.Reset);

        Assert.Equal(0x399F, ReadRegister(device, Ina219Register.Configuration));
        Assert.Equal(0, ReadRegister(device, Ina219Register.Calibration));
    }

    [Fact]
    public void Calibration_bit_0_is_void_and_measurement_registers_are_read_only()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock);
        WriteRegister(device, Ina219Register.Calibration, 4097);
        WriteRegister(device, Ina219Register.Current, 1234);

        Assert.Equal(4096, ReadRegister(device, Ina219Register.Calibration));
        Assert.Equal(0, ReadRegister(device, Ina219Register.Current));
    }

    [Fact]
    public void Without_calibration_current_and_power_stay_zero()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock, volts: 12, amperes: 1);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.Equal(10_000, (short)ReadRegister(device, Ina219Register.ShuntVoltage)); // 1 A × 0.1 Ω = 100 mV = 10,000 × 10 µV
        Assert.Equal(0, ReadRegister(device, Ina219Register.Current));
        Assert.Equal(0, ReadRegister(device, Ina219Register.Power));
    }

    [Fact]
    public void Current_and_power_follow_the_datasheet_equations()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock, volts: 12, amperes: 1);
        WriteRegister(device, Ina219Register.Calibration, 4096);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        var shunt = (short)ReadRegister(device, Ina219Register.ShuntVoltage);
        var bus = ReadRegister(device, Ina219Register.BusVoltage) >> 3;
        var current = (short)ReadRegister(device, Ina219Register.Current);
        Assert.Equal(shunt * 4096 / 4096, current);
        Assert.Equal(3000, bus); // 12 V / 4 mV
        Assert.Equal(current * bus / 5000, ReadRegister(device, Ina219Register.Power));
    }

    [Fact]
    public void CNVR_is_set_after_a_conversion_and_cleared_by_reading_power_or_writing_a_mode()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock);
        WriteRegister(device, Ina219Register.Configuration, 0x399F);
        Assert.Equal(0, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);

        clock.Advance(TimeSpan.FromMicroseconds(1064)); // 532 µs shunt + 532 µs bus
        Assert.Equal(Ina219Bits.ConversionReady, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);

        ReadRegister(device, Ina219Register.Power);
        Assert.Equal(0, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);

        clock.Advance(TimeSpan.FromMicroseconds(1064));
        Assert.Equal(Ina219Bits.ConversionReady, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);
        WriteRegister(device, Ina219Register.Configuration, 0x399F);
        Assert.Equal(0, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);
    }

    [Fact]
    public void A_conversion_is_not_ready_before_its_time()
    {
        var clock = FakeClocks.Create();
        using var device = Device(clock);
        WriteRegister(device, Ina219Register.Configuration, (ushort)((1 << 13) | (3 << 11) | (0b1111 << 7) | (0b1111 << 3) | 7));

        clock.Advance(TimeSpan.FromMilliseconds(136.1)); // one cycle is 2 × 68.10 ms
        Assert.Equal(0, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);
        clock.Advance(TimeSpan.FromMilliseconds(0.1));
        Assert.Equal(Ina219Bits.ConversionReady, ReadRegister(device, Ina219Register.BusVoltage) & Ina219Bits.ConversionReady);
    }

    [Fact]
    public void An_unknown_register_is_not_acknowledged()
    {
        using var device = Device(FakeClocks.Create());
        Assert.Throws<IOException>(() => device.Write([0x06]));
    }
}
