namespace QSLM.Sensors.Board.Ina219;

/// <summary>
/// Bus and shunt ADC settings, the 4-bit BADC (bits 10..7) and SADC (bits 6..3) fields
/// (SBOS448, Table 5): resolution, or 12-bit conversions averaged over 2..128 samples.
/// </summary>
public enum Ina219Adc
{
    /// <summary>9-bit, 84 µs.</summary>
    Bits9 = 0b0000,

    /// <summary>10-bit, 148 µs.</summary>
    Bits10 = 0b0001,

    /// <summary>11-bit, 276 µs.</summary>
    Bits11 = 0b0010,

    /// <summary>12-bit, 532 µs (power-on default).</summary>
    Bits12 = 0b0011,

    /// <summary>12-bit, 2 samples averaged, 1.06 ms.</summary>
    Samples2 = 0b1001,

    /// <summary>12-bit, 4 samples, 2.13 ms.</summary>
    Samples4 = 0b1010,

    /// <summary>12-bit, 8 samples, 4.26 ms.</summary>
    Samples8 = 0b1011,

    /// <summary>12-bit, 16 samples, 8.51 ms.</summary>
    Samples16 = 0b1100,

    /// <summary>12-bit, 32 samples, 17.02 ms.</summary>
    Samples32 = 0b1101,

    /// <summary>12-bit, 64 samples, 34.05 ms.</summary>
    Samples64 = 0b1110,

    /// <summary>12-bit, 128 samples, 68.10 ms.</summary>
    Samples128 = 0b1111,
}

/// <summary>Decoding of any 4-bit ADC field, including the codes the datasheet marks with an X.</summary>
public static class Ina219AdcTiming
{
    /// <summary>Every distinct setting, for sweeping.</summary>
    public static IReadOnlyList<Ina219Adc> All { get; } = Enum.GetValues<Ina219Adc>();

    /// <summary>Samples averaged per result: 1 for the plain resolutions.</summary>
    public static int Samples(int code) => (code & 0b1000) == 0 ? 1 : 1 << (code & 0b0111);

    /// <summary>ADC resolution in bits.</summary>
    public static int Resolution(int code) => (code & 0b1000) == 0 ? 9 + (code & 0b0011) : 12;

    /// <summary>Conversion time of one result (SBOS448, Table 5; "0X00".."0X11" ignore bit 2, "1000" is 12-bit).</summary>
    public static TimeSpan ConversionTime(int code) => TimeSpan.FromTicks(((code & 0b1000) == 0, code & 0b0111) switch
    {
        (true, var c) => (c & 0b11) switch { 0 => 840, 1 => 1_480, 2 => 2_760, _ => 5_320 },
        (false, 0) => 5_320,
        (false, 1) => 10_600,
        (false, 2) => 21_300,
        (false, 3) => 42_600,
        (false, 4) => 85_100,
        (false, 5) => 170_200,
        (false, 6) => 340_500,
        _ => 681_000,
    });

    /// <summary>Conversion time of a named setting.</summary>
    public static TimeSpan ConversionTime(this Ina219Adc adc) => ConversionTime((int)adc);

    /// <summary>Time for one complete result in <paramref name="mode"/>: shunt then bus conversion where both are measured.</summary>
    public static TimeSpan CycleTime(Ina219Mode mode, int busAdcCode, int shuntAdcCode) =>
        (mode.MeasuresShunt() ? ConversionTime(shuntAdcCode) : TimeSpan.Zero) + (mode.MeasuresBus() ? ConversionTime(busAdcCode) : TimeSpan.Zero);
}
