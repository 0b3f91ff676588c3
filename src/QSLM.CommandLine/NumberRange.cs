using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace QSLM.CommandLine;

/// <summary>Range checks on numeric options, applied when the command line is parsed: a value out of
/// range is refused with one line naming the option, the value as typed, and the accepted range,
/// before any work starts (a <see cref="TimeSpan"/> built from 1e308 ms would otherwise overflow later).</summary>
public static class NumberRange
{
    // The range of each checked option, so that a token that is no number at all is told the same range.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, string> Ranges = new();

    /// <summary>The accepted range of <paramref name="option"/> in words, when it has one.</summary>
    public static string? RangeOf(Option option) => Ranges.TryGetValue(option, out var range) ? range : null;

    /// <summary>Accepts values from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    /// <param name="option">The option.</param>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="unit">The unit the message gives the bounds in, e.g. "s".</param>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max, string unit = "") where T : struct, INumber<T>
    {
        Add(option, min, max, minIncluded: true, unit);
        return option;
    }

    /// <summary>Accepts values from <paramref name="min"/> to <paramref name="max"/>, both included, when the option is given.</summary>
    /// <param name="option">The option.</param>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="unit">The unit the message gives the bounds in, e.g. "ms".</param>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max, string unit = "") where T : struct, INumber<T>
    {
        Add(option, min, max, minIncluded: true, unit);
        return option;
    }

    /// <summary>Accepts values above zero and at most <paramref name="max"/>.</summary>
    public static Option<T> AboveZero<T>(this Option<T> option, T max, string unit = "") where T : struct, INumber<T>
    {
        Add(option, T.Zero, max, minIncluded: false, unit);
        return option;
    }

    /// <summary>Accepts values above zero and at most <paramref name="max"/>, when the option is given.</summary>
    public static Option<T?> AboveZero<T>(this Option<T?> option, T max, string unit = "") where T : struct, INumber<T>
    {
        Add(option, T.Zero, max, minIncluded: false, unit);
        return option;
    }

    /// <summary>The accepted range in words: "at least 1", "at least 0 and at most 100", "above 0 and at most 60 s".</summary>
    public static string Describe<T>(T min, T max, bool minIncluded, string unit = "") where T : struct, INumber<T>
    {
        var u = unit.Length > 0 ? " " + unit : "";
        var inv = CultureInfo.InvariantCulture;
        var lower = string.Create(inv, $"{(minIncluded ? "at least" : "above")} {min}{u}");
        return IsTypeMaximum(max) ? lower : string.Create(inv, $"{lower} and at most {max}{u}");
    }

    private static void Add<T>(Option option, T min, T max, bool minIncluded, string unit) where T : struct, INumber<T>
    {
        var range = Describe(min, max, minIncluded, unit);
        Ranges.AddOrUpdate(option, range);
        // The help states the range too.
        option.Description = $"{option.Description} ({range})";
        option.Validators.Add(result =>
        {
            // A token that is not a number at all is reported by the conversion, with this range.
            if (result.Tokens.Count == 0 || !T.TryParse(result.Tokens[^1].Value, CultureInfo.InvariantCulture, out var value)) return;
            var inside = (minIncluded ? value >= min : value > min) && value <= max;
            if (!inside) result.AddError($"{result.Option.Name} must be {range}, got {result.Tokens[^1].Value}");
        });
    }

    private static bool IsTypeMaximum<T>(T value) where T : struct, INumber<T> =>
        value is int i ? i == int.MaxValue : value is long l && l == long.MaxValue;
}
