using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;
using BindingIna219 = Iot.Device.Adc.Ina219;
using QSLM.Sensors.Board.Simulation;

namespace QSLM.Sensors.Tests.Ina219;

/// <summary>
/// The same simulated device read by the Iot.Device.Bindings 4.2.0 driver and by ours: where DESIGN.md
/// says the binding is wrong, it is, and our sensor is right. Fails if a binding upgrade fixes a defect,
/// which is the cue to reconsider using the binding.
/// </summary>
public class BindingDefectTests
{
    [Fact]
    public void The_binding_reads_a_negative_current_as_a_large_positive_one()
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(12), ElectricCurrent.FromAmperes(-0.5)), clock);
        using var binding = new BindingIna219(device);
        binding.SetCalibration(4096, 0.0001f);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.True(binding.ReadCurrent().Amperes > 0, "the binding now reads negative currents: DESIGN.md's defect list needs updating");

        using var ours = new Ina219Sensor(new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(12), ElectricCurrent.FromAmperes(-0.5)), clock), new Ina219Settings(), clock);
        Assert.Equal(-0.5, ours.Read(clock).Current!.Value.Amperes, 3);
    }

    [Fact]
    public void The_binding_misreads_a_19_V_bus()
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(19), ElectricCurrent.FromAmperes(0.5)), clock);
        using var binding = new BindingIna219(device);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        // The register read as a signed 16-bit value: at and above 16.384 V the top bit is set and 19 V reads -13.768 V.
        Assert.True(binding.ReadBusVoltage().Volts < 0, "the binding now reads a 19 V bus right: DESIGN.md's defect list needs updating");

        using var ours = new Ina219Sensor(new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(19), ElectricCurrent.FromAmperes(0.5)), clock), new Ina219Settings(), clock);
        Assert.Equal(19.0, ours.Read(clock).Voltage!.Value.Volts, 0.004);
    }

    [Fact]
    public void The_binding_shunt_ADC_setter_does_not_set_the_shunt_ADC_bits()
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(5), ElectricCurrent.FromAmperes(0.1)), clock);
        using var binding = new BindingIna219(device);
        binding.ShuntAdcResolutionOrSamples = Iot.Device.Adc.Ina219AdcResolutionOrSamples.Adc128Sample;

        var shuntBits = (device.Peek(Ina219Register.Configuration) >> 3) & 0xF;
        Assert.True(shuntBits != 0b1111, "the binding now sets the shunt ADC right: DESIGN.md's defect list needs updating");
        Assert.Equal(0b1111, (new Ina219Settings { ShuntAdc = Ina219Adc.Samples128 }.ConfigurationRegister >> 3) & 0xF);
    }

    [Fact]
    public void The_binding_rewrites_the_calibration_on_every_read()
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(12), ElectricCurrent.FromAmperes(0.5)), clock);
        using var binding = new BindingIna219(device);
        binding.SetCalibration(4096, 0.0001f);
        var before = device.CalibrationWrites;
        for (var i = 0; i < 5; i++) binding.ReadCurrent();

        Assert.True(device.CalibrationWrites > before, "the binding no longer rewrites calibration per read");
    }
}
