using System.Globalization;

namespace QSLM.Sensors.Parsing;

/// <summary>Number parsing for sensor text, always in the invariant culture.</summary>
internal static class InvariantNumber
{
    public static bool TryDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryLong(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
