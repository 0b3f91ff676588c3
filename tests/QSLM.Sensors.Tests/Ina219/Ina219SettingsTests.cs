using QSLM.Sensors.Board.Ina219;
using UnitsNet;

namespace QSLM.Sensors.Tests.Ina219;

public class Ina219SettingsTests
{
    [Theory]
    [InlineData(0.1, 3.2)]
    [InlineData(0.1, 2.0)]
    [InlineData(0.01, 10.0)]
    [InlineData(0.002, 15.0)]
    [InlineData(0.5, 0.4)]
    public void Calibration_register_is_the_datasheet_formula(double ohms, double maxAmperes)
    {
        var settings = new Ina219Settings { Shunt = ElectricResistance.FromOhms(ohms), MaxExpectedCurrent = ElectricCurrent.FromAmperes(maxAmperes), Pga = Ina219Pga.Range320mV };

        // SBOS448 Equations 1 and 2: Current_LSB = Imax / 2^15, Cal = trunc(0.04096 / (Current_LSB × R)); bit 0 is void.
        var expected = (int)Math.Truncate(0.04096 / (maxAmperes / 32768 * ohms)) & 0xFFFE;
        Assert.Equal(expected, settings.CalibrationRegister);
        Assert.Equal(0.04096 / (expected * ohms), settings.CurrentLsb.Amperes, 12);
        Assert.Equal(20 * settings.CurrentLsb.Amperes, (double)settings.PowerLsb.Watts, 12);
    }

    [Fact]
    public void An_exact_quotient_is_not_truncated_to_one_less()
    {
        // Current_LSB = 100 µA (as in SBOS448 Section 8.5.1) through 0.05 Ω: Cal = 0.04096 / 5e-6 = 8192 exactly.
        var settings = new Ina219Settings { Shunt = ElectricResistance.FromOhms(0.05), MaxExpectedCurrent = ElectricCurrent.FromAmperes(0.0001 * 32768) };
        Assert.Equal(8192, settings.CalibrationRegister);
        Assert.Equal(0.0001, settings.CurrentLsb.Amperes, 15);
    }

    [Fact]
    public void Configuration_register_packs_every_field()
    {
        var defaults = new Ina219Settings();
        Assert.Equal(Ina219Bits.ConfigurationReset, defaults.ConfigurationRegister);

        var settings = new Ina219Settings { BusRange = Ina219BusRange.Range16V, Pga = Ina219Pga.Range80mV, BusAdc = Ina219Adc.Samples128, ShuntAdc = Ina219Adc.Bits9, Mode = Ina219Mode.ShuntAndBusTriggered, MaxExpectedCurrent = ElectricCurrent.FromAmperes(0.8) };
        Assert.Equal((0 << 13) | (1 << 11) | (0b1111 << 7) | (0b0000 << 3) | 0b011, settings.ConfigurationRegister);
    }

    [Fact]
    public void Shunt_and_bus_ADC_settings_go_to_their_own_bits()
    {
        // The binding's shunt-ADC setter writes the bus-ADC bits; here each setting lands in its field.
        var shuntOnly = new Ina219Settings { ShuntAdc = Ina219Adc.Samples8 }.ConfigurationRegister;
        Assert.Equal(0b1011, (shuntOnly >> 3) & 0xF);
        Assert.Equal((int)Ina219Adc.Bits12, (shuntOnly >> 7) & 0xF);
    }

    [Fact]
    public void A_maximum_current_beyond_the_PGA_range_is_refused()
    {
        var settings = new Ina219Settings { Shunt = ElectricResistance.FromOhms(0.1), MaxExpectedCurrent = ElectricCurrent.FromAmperes(1), Pga = Ina219Pga.Range40mV };
        var e = Assert.Throws<ArgumentException>(settings.Validate);
        Assert.Contains("±40 mV", e.Message);
    }

    [Theory]
    [InlineData(Ina219Adc.Bits9, 84)]
    [InlineData(Ina219Adc.Bits10, 148)]
    [InlineData(Ina219Adc.Bits11, 276)]
    [InlineData(Ina219Adc.Bits12, 532)]
    [InlineData(Ina219Adc.Samples2, 1_060)]
    [InlineData(Ina219Adc.Samples4, 2_130)]
    [InlineData(Ina219Adc.Samples8, 4_260)]
    [InlineData(Ina219Adc.Samples16, 8_510)]
    [InlineData(Ina219Adc.Samples32, 17_020)]
    [InlineData(Ina219Adc.Samples64, 34_050)]
    [InlineData(Ina219Adc.Samples128, 68_100)]
    public void Conversion_times_follow_the_datasheet_table(Ina219Adc adc, int microseconds)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), adc.ConversionTime());
        Assert.Equal(TimeSpan.FromMicroseconds(2 * microseconds), Ina219AdcTiming.CycleTime(Ina219Mode.ShuntAndBusContinuous, (int)adc, (int)adc));
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), Ina219AdcTiming.CycleTime(Ina219Mode.ShuntContinuous, (int)Ina219Adc.Samples128, (int)adc));
    }

    [Fact]
    public void Codes_marked_X_in_the_datasheet_decode_like_their_twins()
    {
        Assert.Equal(Ina219Adc.Bits9.ConversionTime(), Ina219AdcTiming.ConversionTime(0b0100));
        Assert.Equal(Ina219Adc.Bits12.ConversionTime(), Ina219AdcTiming.ConversionTime(0b0111));
        Assert.Equal(Ina219Adc.Bits12.ConversionTime(), Ina219AdcTiming.ConversionTime(0b1000));
        Assert.Equal(128, Ina219AdcTiming.Samples(0b1111));
        Assert.Equal(11, Ina219AdcTiming.Resolution(0b0110));
    }
}
