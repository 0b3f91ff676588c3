using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Ina219;

public class Ina219SensorTests
{
    [Fact]
    public void A_negative_current_reads_negative()
    {
        using var bench = SimulatedBench.Constant(volts: 12.0, amperes: -1.5);
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.True(reading.IsValid, reading.Problem);
        var lsb = bench.Settings.CurrentLsb.Amperes;
        Assert.InRange(reading.Current!.Value.Amperes, -1.5 - 2 * lsb, -1.5 + 2 * lsb);
        Assert.InRange((double)reading.Power.Watts, -18.0 * 1.002, -18.0 * 0.998);
        Assert.InRange(bench.Sensor.ReadShuntVoltage().Millivolts, -150.01, -149.99);
    }

    [Theory]
    [InlineData(19.0)]
    [InlineData(16.384)]
    [InlineData(31.5)]
    [InlineData(5.0)]
    public void Bus_voltages_at_and_above_16_384_V_read_right_in_the_32_V_range(double volts)
    {
        using var bench = SimulatedBench.Constant(volts, amperes: 1.0);
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.True(reading.IsValid, reading.Problem);
        Assert.Equal(volts, reading.Voltage!.Value.Volts, 0.0021);
        Assert.Equal(volts * 1.0, (double)reading.Power.Watts, volts * 0.002);
    }

    [Fact]
    public void A_bus_beyond_the_16_V_range_is_invalid_not_clipped_silently()
    {
        using var bench = SimulatedBench.Constant(19.0, 1.0, new Ina219Settings { BusRange = Ina219BusRange.Range16V });
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.False(reading.IsValid);
        Assert.Contains("16 V range", reading.Problem);
        Assert.Equal(16.0, reading.Voltage!.Value.Volts, 1e-9);
        using var below = SimulatedBench.Constant(15.5, 1.0, new Ina219Settings { BusRange = Ina219BusRange.Range16V });
        Assert.True(below.Sensor.Read(below.Clock).IsValid);
    }

    [Fact]
    public void Math_overflow_marks_the_sample_invalid()
    {
        // 0.4 A maximum through 0.1 Ω makes Cal = 33554; 3 A then gives a current register of about 245,000, past 16 bits.
        var settings = new Ina219Settings { MaxExpectedCurrent = ElectricCurrent.FromAmperes(0.4) };
        using var bench = SimulatedBench.Constant(12.0, 3.0, settings);
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.False(reading.IsValid);
        Assert.Contains("OVF", reading.Problem);
        Assert.Equal(Ina219Bits.MathOverflow, bench.Device.Peek(Ina219Register.BusVoltage) & Ina219Bits.MathOverflow);
    }

    [Fact]
    public void A_shunt_voltage_at_the_PGA_limit_marks_the_sample_invalid()
    {
        var settings = new Ina219Settings { Pga = Ina219Pga.Range40mV, MaxExpectedCurrent = ElectricCurrent.FromAmperes(0.4) };
        using var bench = SimulatedBench.Constant(5.0, 0.6, settings);
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.False(reading.IsValid);
        Assert.Contains("PGA limit ±40 mV", reading.Problem);
    }

    [Fact]
    public void A_reading_within_range_is_valid_and_tagged_simulated()
    {
        using var bench = SimulatedBench.Constant(5.1, 0.8);
        var reading = bench.Sensor.Read(bench.Clock);

        Assert.True(reading.IsValid);
        Assert.Null(reading.Problem);
        Assert.Equal(SourceKind.Simulated, reading.Source.Kind);
        Assert.StartsWith("simulated:ina219-", reading.Source.ToString());
        Assert.Equal("sim-ina219-1-0x40", bench.Sensor.Id);
    }

    public static TheoryData<Ina219Adc> AdcSettings() => [.. Ina219AdcTiming.All];

    [Theory]
    [MemberData(nameof(AdcSettings))]
    public void Every_ADC_setting_reads_right_at_its_conversion_rate(Ina219Adc adc)
    {
        using var bench = SimulatedBench.Constant(12.0, 1.25, new Ina219Settings { BusAdc = adc, ShuntAdc = adc });
        var cycle = 2 * adc.ConversionTime();
        Assert.Equal(cycle, bench.Sensor.MinimumInterval);

        var readings = Enumerable.Range(0, 8).Select(_ => bench.Sensor.Read(bench.Clock)).ToList();

        Assert.All(readings, r => Assert.True(r.IsValid, r.Problem));
        Assert.All(readings, r => Assert.Equal(15.0, (double)r.Power.Watts, 0.03));
        // Each read waits for the next conversion (CNVR), so consecutive readings are one cycle apart,
        // give or take the polling step of a sixteenth of a cycle.
        for (var i = 1; i < readings.Count; i++)
        {
            var gap = readings[i].Timestamp - readings[i - 1].Timestamp;
            Assert.InRange(gap, cycle - cycle / 8, cycle + cycle / 8);
        }
    }

    [Fact]
    public void Averaging_follows_the_load_over_the_conversion()
    {
        // 10 W for 1 s then 20 W: a 128-sample shunt conversion straddling the step averages both.
        var trace = new PiecewiseLinearTrace([(TimeSpan.Zero, 10.0), (TimeSpan.FromSeconds(1), 10.0), (TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1), 20.0)]);
        var load = SimulatedLoad.FromPowerTrace(ElectricPotential.FromVolts(10), trace);
        using var bench = new SimulatedBench(load, new Ina219Settings { ShuntAdc = Ina219Adc.Samples128, BusAdc = Ina219Adc.Bits9 });

        var first = bench.Sensor.Read(bench.Clock);
        Assert.Equal(10.0, (double)first.Power.Watts, 0.02);
        bench.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(20.0, (double)bench.Sensor.Read(bench.Clock).Power.Watts, 0.04);
    }

    [Fact]
    public void Calibration_is_written_once_not_per_read()
    {
        using var bench = SimulatedBench.Constant(12.0, 1.0);
        for (var i = 0; i < 20; i++) bench.Sensor.Read(bench.Clock);

        Assert.Equal(1, bench.Device.CalibrationWrites);
        Assert.Equal(bench.Settings.CalibrationRegister, bench.Device.Peek(Ina219Register.Calibration));
    }

    [Fact]
    public void Triggered_mode_starts_a_conversion_per_read()
    {
        using var bench = SimulatedBench.Constant(12.0, 0.5, new Ina219Settings { Mode = Ina219Mode.ShuntAndBusTriggered });
        var a = bench.Sensor.Read(bench.Clock);
        var b = bench.Sensor.Read(bench.Clock);

        Assert.True(a.IsValid && b.IsValid);
        Assert.Equal(6.0, (double)b.Power.Watts, 0.02);
        Assert.True(b.Timestamp - a.Timestamp >= bench.Settings.CycleTime);
    }

    [Fact]
    public void A_device_that_never_converts_gives_an_invalid_sample_not_a_hang()
    {
        using var bench = SimulatedBench.Constant(12.0, 0.5);
        // Power the device down behind the sensor's back: CNVR never comes.
        bench.Device.Write([0, 0x39, 0x98]);
        bench.Sensor.ReadRegister(Ina219Register.Power);

        var reading = bench.Sensor.Read(bench.Clock);
        Assert.False(reading.IsValid);
        Assert.Contains("CNVR", reading.Problem);
    }
}
