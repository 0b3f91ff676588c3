using System.Globalization;

namespace QSLM.Sensors.Board.Parsing;

/// <summary>Number parsing for sensor text and logs, always in the invariant culture.</summary>
public static class InvariantNumber
{
    /// <summary>A finite floating-point number (<see cref="NumberStyles.Float"/>), or false.</summary>
    public static bool TryDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A whole number with an optional leading sign, or false.</summary>
    public static bool TryLong(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
