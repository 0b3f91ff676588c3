using System.Globalization;
using System.Text.RegularExpressions;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Jetson;

/// <summary>The tegrastats output format a line was written in (NVIDIA Jetson Linux Developer Guide, "tegrastats Utility").</summary>
public enum TegrastatsFormat
{
    /// <summary>JetPack 4: <c>POM_5V_IN 4122/3107</c>, milliwatts without unit, current/average.</summary>
    JetPack4,

    /// <summary>JetPack 5 and 6: <c>VDD_IN 4788mW/4788mW</c>, current/average.</summary>
    JetPack5,

    /// <summary>JetPack 7: three values <c>VDD_GPU_SOC 5139mW/5139mW/5139mW</c>.</summary>
    JetPack7,
}

/// <summary>One tegrastats line: its wall-clock stamp where printed, its format, and its rails.</summary>
public sealed record TegrastatsSample(DateTime? WallClock, TegrastatsFormat Format, IReadOnlyList<RailPower> Rails)
{
    /// <summary>The board total by <see cref="BoardTotal"/>'s rule.</summary>
    public (double Milliwatts, string Rule) Total(string? preferredRail = null) => BoardTotal.Of(Rails, preferredRail);
}

/// <summary>
/// Parses tegrastats lines of JetPack 4, 5/6 and 7. A rail is an upper-case name followed by
/// <c>N/N</c> (JetPack 4), <c>NmW/NmW</c> (5/6) or <c>NmW/NmW/NmW</c> (7); the first value is the
/// instantaneous power, the second the running average. Memory fields (<c>RAM</c>, <c>SWAP</c>,
/// <c>IRAM</c>) are not rails. A line is read whole or skipped with the reason, never read as zero:
/// it must run from its start (the timestamp JetPack 5 and later print, else <c>RAM</c>) to its last
/// rail with every field in tegrastats' form between, so that a line cut at its start (<c>IN 4788mW/…</c>
/// would otherwise be a rail named <c>IN</c>) or with junk spliced in is refused, and every rail
/// value must be non-negative and at most <see cref="MaxRailMilliwatts"/>.
/// </summary>
public static partial class TegrastatsParser
{
    /// <summary>
    /// The most a rail may report, in milliwatts (200 W). The largest Jetson module, AGX Thor, is rated at
    /// 130 W for the whole module and every other Jetson at 60 W or less, so a larger rail value is damage,
    /// not power.
    /// </summary>
    public const long MaxRailMilliwatts = 200_000;

    private static readonly HashSet<string> NotRails = ["RAM", "SWAP", "IRAM", "EMC", "LFB"];

    // The fields of a tegrastats line in the order it prints them (Jetson Linux Developer Guide, "tegrastats
    // Utility"): an optional timestamp, RAM, SWAP, IRAM, CPU, then named readings (EMC_FREQ 0%@2133,
    // GR3D_FREQ 0%@[305], APE 200, NVDEC off, MTS fg 0% bg 0%), temperatures (tj@47.5C) and last the rails.
    [GeneratedRegex(
        @"^(?:\d\d-\d\d-\d{4} \d\d:\d\d:\d\d +)?" +
        @"RAM \d+/\d+MB(?: +\(lfb \d+x\d+MB\))?" +
        @"(?: +SWAP \d+/\d+MB(?: +\(cached \d+MB\))?)?" +
        @"(?: +IRAM \d+/\d+kB *\(lfb \d+kB\))?" +
        @"(?: +CPU \[(?:\d+%(?:@\d+)?|off)(?:,(?:\d+%(?:@\d+)?|off))*\])?" +
        @"(?: +[A-Z][A-Z0-9_]* (?:\d+%(?:@\d+|@\[\d+(?:,\d+)*\])?|\d+|off)| +MTS fg \d+% bg \d+%| +[A-Za-z][A-Za-z0-9_]*@-?\d+(?:\.\d+)?C)*" +
        @"(?: +[A-Z][A-Z0-9_]* -?\d+(?:mW)?/-?\d+(?:mW)?(?:/-?\d+(?:mW)?)?)+ *$",
        RegexOptions.CultureInvariant)]
    private static partial Regex WholeLine();

    /// <summary>Parses every line of a log.</summary>
    public static ParsedLog<TegrastatsSample> ParseLog(IEnumerable<string> lines) => ParsedLog<TegrastatsSample>.Parse(lines, Parse);

    /// <summary>Parses one line: the sample, or null and the reason it was skipped.</summary>
    public static (TegrastatsSample? Sample, string? Reason) Parse(string line)
    {
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        DateTime? wallClock = null;
        if (tokens.Length >= 2 && DateTime.TryParseExact(tokens[0] + " " + tokens[1], "MM-dd-yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp))
            wallClock = stamp;

        var rails = new List<RailPower>();
        TegrastatsFormat? format = null;
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            var name = tokens[i];
            var value = tokens[i + 1];
            if (!IsRailName(name) || !value.Contains('/') || !(char.IsAsciiDigit(value[0]) || value[0] == '-')) continue;
            if (value.EndsWith("MB", StringComparison.Ordinal) || value.EndsWith("kB", StringComparison.Ordinal)) continue;
            if (!TryRailValues(value, out var values, out var unit))
                return (null, $"rail {name}: '{value}' is not N/N, NmW/NmW or NmW/NmW/NmW");
            var railFormat = (unit, values.Length) switch
            {
                (false, 2) => TegrastatsFormat.JetPack4,
                (true, 2) => TegrastatsFormat.JetPack5,
                _ => TegrastatsFormat.JetPack7,
            };
            if (format is { } f && f != railFormat) return (null, $"rail {name} is written as {railFormat}, earlier rails as {f}");
            if (values.Any(v => v < 0)) return (null, $"rail {name} is negative ({value})");
            if (values.Any(v => v > MaxRailMilliwatts))
                return (null, string.Create(CultureInfo.InvariantCulture, $"rail {name} ({value}) is above the {MaxRailMilliwatts / 1000} W ceiling of a Jetson rail"));
            format = railFormat;
            rails.Add(new RailPower(name, values[0], values[1]));
            i++;
        }
        if (rails.Count == 0 || format is null) return (null, "no power rails in the line");
        if (!WholeLine().IsMatch(line.TrimEnd('\r')))
            return (null, "not a whole tegrastats line: it must run from its timestamp or RAM to its last rail, each field in tegrastats' form (a line cut at its start or with text spliced in)");
        return (new TegrastatsSample(wallClock, format.Value, rails), null);
    }

    private static bool IsRailName(string token) =>
        token.Length > 1 && char.IsAsciiLetterUpper(token[0]) && token.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') && !NotRails.Contains(token);

    private static bool TryRailValues(string text, out long[] values, out bool milliwattUnit)
    {
        var parts = text.Split('/');
        values = new long[parts.Length];
        milliwattUnit = parts[0].EndsWith("mW", StringComparison.Ordinal);
        if (parts.Length is < 2 or > 3 || (!milliwattUnit && parts.Length == 3)) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.EndsWith("mW", StringComparison.Ordinal) != milliwattUnit) return false;
            var digits = milliwattUnit ? p[..^2] : p;
            var unsigned = digits.StartsWith('-') ? digits[1..] : digits;
            if (unsigned.Length == 0 || !unsigned.All(char.IsAsciiDigit) || !InvariantNumber.TryLong(digits, out var mw)) return false;
            values[i] = mw;
        }
        return true;
    }
}
