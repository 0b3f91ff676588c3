using System.Globalization;
using QSLM.Errors;

namespace QSLM.Cli.SearchOptions;

/// <summary>Parses a memory size for constM: bytes, or a number with kB, MB, GB (powers of 1000) or KiB, MiB, GiB.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("kB", 1000), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ];

    public static long Parse(string text)
    {
        var t = text.Trim();
        var (number, factor) = (t, 1L);
        foreach (var (suffix, f) in Units)
        {
            if (!t.EndsWith(suffix, StringComparison.Ordinal)) continue;
            (number, factor) = (t[..^suffix.Length].Trim(), f);
            break;
        }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0 || value * factor > long.MaxValue)
            throw new InputException($"'{text}' is not a positive size in bytes (e.g. 4000000, 4 MB, 3.5 MiB)");
        return (long)Math.Round(value * factor);
    }
}
