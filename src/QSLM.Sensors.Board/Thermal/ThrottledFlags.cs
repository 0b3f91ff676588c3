using System.Globalization;

namespace QSLM.Sensors.Board.Thermal;

/// <summary>
/// The output of <c>vcgencmd get_throttled</c> on a Raspberry Pi (<c>throttled=0x50005</c>). Bits 0–3 say what holds
/// now: under-voltage detected, ARM frequency capped, currently throttled, soft temperature limit active; bits 16–19
/// say the same has occurred since boot (Raspberry Pi documentation, "vcgencmd", <c>get_throttled</c>).
/// </summary>
/// <param name="Value">The bits.</param>
public sealed record ThrottledFlags(int Value)
{
    private static readonly string[] Names = ["under-voltage", "arm frequency capped", "throttled", "soft temperature limit"];

    /// <summary>Whether any condition holds now (bits 0–3).</summary>
    public bool Now => (Value & 0xF) != 0;

    /// <summary>Reads <paramref name="output"/>, or null when it is not <c>throttled=0xN</c>.</summary>
    public static ThrottledFlags? Parse(string output)
    {
        var text = output.Trim();
        const string prefix = "throttled=0x";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? new ThrottledFlags(value)
            : null;
    }

    /// <summary><c>vcgencmd get_throttled=0x50005 (now: under-voltage, throttled; since boot: under-voltage, throttled)</c>.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"vcgencmd get_throttled=0x{Value:x}");
        var now = Conditions(Value);
        var before = Conditions(Value >> 16);
        if (now.Count == 0 && before.Count == 0) return text;
        var parts = new List<string>();
        if (now.Count > 0) parts.Add("now: " + string.Join(", ", now));
        if (before.Count > 0) parts.Add("since boot: " + string.Join(", ", before));
        return $"{text} ({string.Join("; ", parts)})";
    }

    private static List<string> Conditions(int bits) => [.. Names.Where((_, i) => (bits & (1 << i)) != 0)];
}
