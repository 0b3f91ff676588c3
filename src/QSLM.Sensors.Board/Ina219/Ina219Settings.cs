using System.Globalization;
using UnitsNet;

namespace QSLM.Sensors.Board.Ina219;

/// <summary>
/// How an INA219 is wired and programmed: shunt resistance, the largest current expected, PGA,
/// bus range, both ADC settings and the mode. Derives the configuration and calibration register
/// values exactly as SBOS448 Section 8.5 does: Current_LSB = max current / 2^15 (Equation 2),
/// Cal = trunc(0.04096 / (Current_LSB × R_shunt)) (Equation 1), Power_LSB = 20 × Current_LSB (Equation 3).
/// </summary>
public sealed record Ina219Settings
{
    /// <summary>Shunt resistance (0.1 Ω on the common breakout boards).</summary>
    public ElectricResistance Shunt { get; init; } = ElectricResistance.FromOhms(0.1);

    /// <summary>The largest current expected; sets the current resolution.</summary>
    public ElectricCurrent MaxExpectedCurrent { get; init; } = ElectricCurrent.FromAmperes(3.2);

    /// <summary>Shunt PGA range.</summary>
    public Ina219Pga Pga { get; init; } = Ina219Pga.Range320mV;

    /// <summary>Bus voltage range; 32 V for supplies at or above 16 V.</summary>
    public Ina219BusRange BusRange { get; init; } = Ina219BusRange.Range32V;

    /// <summary>Bus ADC resolution or averaging.</summary>
    public Ina219Adc BusAdc { get; init; } = Ina219Adc.Bits12;

    /// <summary>Shunt ADC resolution or averaging.</summary>
    public Ina219Adc ShuntAdc { get; init; } = Ina219Adc.Bits12;

    /// <summary>Operating mode.</summary>
    public Ina219Mode Mode { get; init; } = Ina219Mode.ShuntAndBusContinuous;

    /// <summary>The configuration register value these settings program.</summary>
    public ushort ConfigurationRegister =>
        (ushort)(((int)BusRange << 13) | ((int)Pga << 11) | ((int)BusAdc << 7) | ((int)ShuntAdc << 3) | (int)Mode);

    /// <summary>The calibration register value (bit 0 cleared: it is void in the device).</summary>
    public ushort CalibrationRegister
    {
        get
        {
            Validate();
            var minimumLsb = MaxExpectedCurrent.Amperes / 32768.0;
            // The relative nudge keeps an exact quotient (4096 for the datasheet's example) from truncating to one less in binary floating point.
            var cal = Math.Truncate(Ina219Bits.CalibrationConstant / (minimumLsb * Shunt.Ohms) * (1 + 1e-12));
            if (cal < 2 || cal > 0xFFFE)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"INA219 calibration {cal} is outside 2..65534 for a {Shunt.Ohms} Ω shunt and {MaxExpectedCurrent.Amperes} A maximum; change the shunt or the maximum current"));
            return (ushort)((int)cal & 0xFFFE);
        }
    }

    /// <summary>The current per bit the programmed calibration gives (recomputed from the truncated register value).</summary>
    public ElectricCurrent CurrentLsb => ElectricCurrent.FromAmperes(Ina219Bits.CalibrationConstant / (CalibrationRegister * Shunt.Ohms));

    /// <summary>Power per bit: 20 × Current_LSB.</summary>
    public Power PowerLsb => Power.FromWatts(20 * CurrentLsb.Amperes);

    /// <summary>Time for one complete result.</summary>
    public TimeSpan CycleTime => Ina219AdcTiming.CycleTime(Mode, (int)BusAdc, (int)ShuntAdc);

    /// <summary>Throws when the settings cannot measure what they claim.</summary>
    public void Validate()
    {
        if (Shunt.Ohms <= 0) throw new ArgumentException("the INA219 shunt resistance must be positive");
        if (MaxExpectedCurrent.Amperes <= 0) throw new ArgumentException("the INA219 maximum expected current must be positive");
        if (Mode is Ina219Mode.PowerDown or Ina219Mode.AdcOff) throw new ArgumentException($"INA219 mode {Mode} converts nothing");
        var drop = MaxExpectedCurrent.Amperes * Shunt.Ohms;
        if (drop > Pga.FullScaleVolts() + 1e-12)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{MaxExpectedCurrent.Amperes} A through {Shunt.Ohms} Ω drops {drop * 1000:F1} mV, beyond the PGA range ±{Pga.FullScaleVolts() * 1000:F0} mV"));
    }
}
