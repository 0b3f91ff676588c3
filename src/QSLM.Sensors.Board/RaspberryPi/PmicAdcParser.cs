using System.Globalization;
using System.Text.RegularExpressions;
using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.RaspberryPi;

/// <summary>One Raspberry Pi 5 PMIC rail: current and voltage paired by rail name; power where both are known.</summary>
public sealed record PmicRail(string Name, double? Amperes, double? Volts)
{
    /// <summary>V × I, or null where the PMIC reports only one of them (EXT5V has only a voltage).</summary>
    public double? Watts => Amperes is { } a && Volts is { } v ? a * v : null;
}

/// <summary>One line of <c>vcgencmd pmic_read_adc</c> read whole: the rail, whether it is the current (else the voltage), the value.</summary>
public sealed record PmicLine(string Rail, bool IsCurrent, double Value)
{
    /// <summary>The rail and quantity: what repeats once the next <c>pmic_read_adc</c> output starts.</summary>
    public string Key => Rail + (IsCurrent ? "_A" : "_V");
}

/// <summary>The rails of one <c>vcgencmd pmic_read_adc</c> run and the lines it skipped.</summary>
public sealed record PmicReading(IReadOnlyList<PmicRail> Rails, IReadOnlyList<SkippedLine> Skipped)
{
    /// <summary>Sum of V × I over the paired rails. It misses the 5 V loads (USB, fan, HATs), which the PMIC does not measure.</summary>
    public double TotalWatts => Rails.Sum(r => r.Watts ?? 0);

    /// <summary>
    /// True when every line was read and every rail with a current also has its voltage: the PMIC prints a
    /// voltage for each current channel, so a current alone means a line of the run was lost and
    /// <see cref="TotalWatts"/> would miss that rail.
    /// </summary>
    public bool IsWhole => Skipped.Count == 0 && Rails.All(r => r.Amperes is null || r.Volts is not null);

    /// <summary>Pairs the lines of one run by rail name (a later line for the same rail and quantity wins).</summary>
    public static PmicReading Pair(IEnumerable<PmicLine> lines, IReadOnlyList<SkippedLine> skipped)
    {
        var rails = new Dictionary<string, (double? A, double? V)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (rail, isCurrent, value) in lines)
        {
            if (!rails.TryGetValue(rail, out var pair)) order.Add(rail);
            rails[rail] = isCurrent ? (value, pair.V) : (pair.A, value);
        }
        return new PmicReading([.. order.Select(r => new PmicRail(r, rails[r].A, rails[r].V))], skipped);
    }
}

/// <summary>
/// Parses <c>vcgencmd pmic_read_adc</c> (Raspberry Pi documentation, "vcgencmd"): lines such as
/// <c>VDD_CORE_A current(7)=0.92871990A</c> and <c>VDD_CORE_V volt(15)=0.72097620V</c>. Current and
/// voltage are paired by the rail name before <c>_A</c>/<c>_V</c>, never by the ADC index in
/// parentheses, which differs between the two. A line is read whole (anchored at both ends, its value
/// non-negative and under the ceiling of its quantity) or skipped and counted.
/// </summary>
public static partial class PmicAdcParser
{
    /// <summary>
    /// The highest voltage read as real. The Pi 5 is fed 5 V over USB-C (the 27 W supply gives 5.1 V) and no PMIC
    /// rail is above its input; 6 V leaves room over USB's 5.5 V tolerance and refuses anything larger.
    /// </summary>
    public const double MaxVolts = 6.0;

    /// <summary>
    /// The highest current read as real. The whole board draws at most 5 A at 5.1 V (25.5 W, the official
    /// supply's limit); the lowest-voltage rail (VDD_CORE, about 0.72 V) could carry at most about 35 A of that.
    /// </summary>
    public const double MaxAmperes = 35.0;

    [GeneratedRegex(@"^\s*(?<rail>[A-Za-z0-9_]+)_(?<suffix>[AV])\s+(?<kind>current|volt)\((?<index>\d+)\)=(?<value>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?<unit>[AV])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();

    /// <summary>Parses the whole output.</summary>
    public static PmicReading Parse(string output) => Parse(output.Split('\n'));

    /// <summary>Parses the output's lines.</summary>
    public static PmicReading Parse(IEnumerable<string> lines)
    {
        var log = ParsedLog<PmicLine>.Parse(lines.Select(l => l.TrimEnd('\r')), ParseLine);
        return PmicReading.Pair(log.Items, log.Skipped);
    }

    /// <summary>Parses one line: the reading it gives, or null and the reason it was skipped.</summary>
    public static (PmicLine? Line, string? Reason) ParseLine(string line)
    {
        var m = Line().Match(line);
        if (!m.Success) return (null, "not 'NAME_A current(N)=xA' or 'NAME_V volt(N)=xV'");
        var isCurrent = m.Groups["kind"].Value == "current";
        var expected = isCurrent ? "A" : "V";
        if (m.Groups["suffix"].Value != expected || m.Groups["unit"].Value != expected)
            return (null, $"a {m.Groups["kind"].Value} reading must end in _{expected} and {expected}");
        if (!InvariantNumber.TryDouble(m.Groups["value"].ValueSpan, out var value)) return (null, "the value is not a number");
        if (value < 0) return (null, string.Create(CultureInfo.InvariantCulture, $"negative {m.Groups["kind"].Value} {value}{expected}"));
        var ceiling = isCurrent ? MaxAmperes : MaxVolts;
        if (value > ceiling) return (null, string.Create(CultureInfo.InvariantCulture, $"{m.Groups["kind"].Value} {value}{expected} is above the {ceiling}{expected} ceiling of a Pi 5 PMIC rail"));
        return (new PmicLine(m.Groups["rail"].Value, isCurrent, value), null);
    }
}
