using System.Globalization;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Export;

/// <summary>Skip reasons every format shares.</summary>
internal static class ImportLines
{
    public static SkippedLine TooLong(LogLine line) =>
        new(line.Number, line.Text[..Math.Min(line.Text.Length, 80)] + "…", string.Create(CultureInfo.InvariantCulture, $"longer than {LogLines.MaxChars} characters"));
}
