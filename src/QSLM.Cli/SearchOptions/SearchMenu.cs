using QSLM.Errors;
using QSLM.Format.Formats;

namespace QSLM.Cli.SearchOptions;

/// <summary>Parses a <c>--menu</c> of precisions, highest first (e.g. <c>int8,int6,int4</c>).</summary>
internal static class SearchMenu
{
    public static IReadOnlyList<QuantFormat> Parse(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new InputException("--menu is empty");
        return names.Select(n => QuantFormats.TryGet(n, out var f) ? f
            : throw new InputException($"--menu: unknown format '{n}' (known: {string.Join(", ", QuantFormats.All.Select(x => x.Name))})")).ToList();
    }
}
