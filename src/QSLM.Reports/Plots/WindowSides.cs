using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>The colours of a run's window sides, the same in every figure: idle grey, the baseline blue, the candidate
/// orange, any other model from a palette.</summary>
public static class WindowSides
{
    private static readonly Color[] Palette = new[] { "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22" }.Select(Color.FromHex).ToArray();

    /// <summary>The colour of <paramref name="side"/>; <paramref name="order"/> is its place among the run's sides.</summary>
    public static Color Of(string side, int order) => side switch
    {
        "idle" => Color.FromHex("#7f7f7f"),
        "baseline" => Color.FromHex("#1f77b4"),
        "candidate" => Color.FromHex("#ff7f0e"),
        _ => Palette[order % Palette.Length],
    };

    /// <summary>The sides in a stable order: idle, baseline, candidate, then the others as first seen.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> sides)
    {
        string[] known = ["idle", "baseline", "candidate"];
        var distinct = sides.Distinct().ToList();
        return [.. known.Where(distinct.Contains), .. distinct.Where(s => !known.Contains(s))];
    }
}
