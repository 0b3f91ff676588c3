using System.Globalization;

namespace QSLM.Sensors.Tests.RaspberryPi;

/// <summary>
/// A whole <c>vcgencmd pmic_read_adc</c> output of a Raspberry Pi 5 (12 currents, then 14 voltages with other
/// ADC indices; EXT5V and BATT have only a voltage), with the currents scaled per reading so that every
/// reading of a log has its own total.
/// </summary>
internal static class Pi5PmicOutput
{
    private static readonly (string Rail, int CurrentIndex, double Amperes, int VoltIndex, double Volts)[] Rails =
    [
        ("3V7_WL_SW", 0, 0.00390372, 8, 3.71216800),
        ("3V3_SYS", 1, 0.05172410, 9, 3.31137200),
        ("1V8_SYS", 2, 0.16300810, 10, 1.79964800),
        ("DDR_VDD2", 3, 0.02049453, 11, 1.11098900),
        ("DDR_VDDQ", 4, 0.00000000, 12, 0.60475000),
        ("1V1_SYS", 5, 0.18299760, 13, 1.10549500),
        ("0V8_SYS", 6, 0.33181620, 14, 0.80366300),
        ("VDD_CORE", 7, 0.76000000, 15, 0.72417000),
        ("3V3_DAC", 17, 0.00048840, 20, 3.30769200),
        ("3V3_ADC", 18, 0.00042735, 21, 3.30402800),
        ("0V8_AON", 16, 0.00442124, 19, 0.80183100),
        ("HDMI", 22, 0.02283000, 23, 5.14940200),
    ];

    /// <summary>Lines per output.</summary>
    public const int LineCount = 26;

    /// <summary>The lines of reading <paramref name="k"/>.</summary>
    public static string[] Reading(int k) =>
    [
        .. Rails.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rail + "_A",16} current({r.CurrentIndex})={r.Amperes * Scale(k):0.00000000}A")),
        .. Rails.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Rail + "_V",16} volt({r.VoltIndex})={r.Volts:0.00000000}V")),
        "         EXT5V_V volt(24)=5.14940200V",
        "          BATT_V volt(25)=0.00000000V",
    ];

    /// <summary>Reading <paramref name="k"/>'s total: the sum of V × I over the rails with both, from the printed values.</summary>
    public static double Total(int k) => Rails.Sum(r => double.Parse((r.Amperes * Scale(k)).ToString("0.00000000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) * r.Volts);

    /// <summary>A log of <paramref name="count"/> readings.</summary>
    public static List<string> Log(int count) => [.. Enumerable.Range(0, count).SelectMany(Reading)];

    private static double Scale(int k) => 1 + (0.25 * k);
}
