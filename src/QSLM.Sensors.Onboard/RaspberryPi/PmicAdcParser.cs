using System.Text.RegularExpressions;
using QSLM.Sensors.Parsing;

namespace QSLM.Sensors.RaspberryPi;

/// <summary>One Raspberry Pi 5 PMIC rail: current and voltage paired by rail name; power where both are known.</summary>
public sealed record PmicRail(string Name, double? Amperes, double? Volts)
{
    /// <summary>V × I, or null where the PMIC reports only one of them (EXT5V has only a voltage).</summary>
    public double? Watts => Amperes is { } a && Volts is { } v ? a * v : null;
}

/// <summary>The rails of one <c>vcgencmd pmic_read_adc</c> run and the lines it skipped.</summary>
public sealed record PmicReading(IReadOnlyList<PmicRail> Rails, IReadOnlyList<SkippedLine> Skipped)
{
    /// <summary>Sum of V × I over the paired rails. It misses the 5 V loads (USB, fan, HATs), which the PMIC does not measure.</summary>
    public double TotalWatts => Rails.Sum(r => r.Watts ?? 0);
}

/// <summary>
/// Parses <c>vcgencmd pmic_read_adc</c> (Raspberry Pi documentation, "vcgencmd"): lines such as
/// <c>VDD_CORE_A current(7)=0.92871990A</c> and <c>VDD_CORE_V volt(15)=0.72097620V</c>. Current and
/// voltage are paired by the rail name before <c>_A</c>/<c>_V</c>, never by the ADC index in
/// parentheses, which differs between the two. Malformed lines are skipped and counted.
/// </summary>
public static partial class PmicAdcParser
{
    [GeneratedRegex(@"^\s*(?<rail>[A-Za-z0-9_]+)_(?<suffix>[AV])\s+(?<kind>current|volt)\((?<index>\d+)\)=(?<value>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?<unit>[AV])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();

    /// <summary>Parses the whole output.</summary>
    public static PmicReading Parse(string output) => Parse(output.Split('\n'));

    /// <summary>Parses the output's lines.</summary>
    public static PmicReading Parse(IEnumerable<string> lines)
    {
        var rails = new Dictionary<string, (double? A, double? V)>(StringComparer.Ordinal);
        var order = new List<string>();
        var log = ParsedLog<(string Rail, bool IsCurrent, double Value)?>.Parse(lines.Select(l => l.TrimEnd('\r')), line =>
        {
            var m = Line().Match(line);
            if (!m.Success) return (null, "not 'NAME_A current(N)=xA' or 'NAME_V volt(N)=xV'");
            var isCurrent = m.Groups["kind"].Value == "current";
            var expected = isCurrent ? "A" : "V";
            if (m.Groups["suffix"].Value != expected || m.Groups["unit"].Value != expected)
                return (null, $"a {m.Groups["kind"].Value} reading must end in _{expected} and {expected}");
            if (!InvariantNumber.TryDouble(m.Groups["value"].ValueSpan, out var value)) return (null, "the value is not a number");
            return ((m.Groups["rail"].Value, isCurrent, value), null);
        });
        foreach (var item in log.Items)
        {
            var (rail, isCurrent, value) = item!.Value;
            if (!rails.TryGetValue(rail, out var pair)) order.Add(rail);
            rails[rail] = isCurrent ? (value, pair.V) : (pair.A, value);
        }
        return new PmicReading([.. order.Select(r => new PmicRail(r, rails[r].A, rails[r].V))], log.Skipped);
    }
}
