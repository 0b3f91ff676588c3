using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// How a candidate is drawn: each tier its own shape and colour, feasible filled and infeasible hollow, translucent
/// with an outline, so candidates bunched at one size stay apart by tier and a marker under another still shows.
/// </summary>
public static class CandidateMarkers
{
    private static readonly Dictionary<string, (MarkerShape Filled, MarkerShape Open, Color Color)> Tiers = new()
    {
        ["global"] = (MarkerShape.FilledSquare, MarkerShape.OpenSquare, Color.FromHex("#1f77b4")),
        ["block"] = (MarkerShape.FilledCircle, MarkerShape.OpenCircle, Color.FromHex("#ff7f0e")),
        ["module"] = (MarkerShape.FilledTriangleUp, MarkerShape.OpenTriangleUp, Color.FromHex("#9467bd")),
    };

    private static readonly (MarkerShape Filled, MarkerShape Open, Color Color) Other = (MarkerShape.FilledDiamond, MarkerShape.OpenDiamond, Color.FromHex("#8c564b"));

    /// <summary>The fp32 baseline's colour.</summary>
    public static Color Baseline { get; } = Color.FromHex("#000000");

    /// <summary>The chosen candidate's colour.</summary>
    public static Color Chosen { get; } = Color.FromHex("#2ca02c");

    /// <summary>Infeasible candidates' outline colour.</summary>
    public static Color Infeasible { get; } = Color.FromHex("#d62728");

    /// <summary>Adds <paramref name="points"/> grouped by tier and feasibility, each group with its legend entry.</summary>
    public static void AddByTier(Plot plot, IReadOnlyList<SearchPoint> points, Func<SearchPoint, double> x, Func<SearchPoint, double> y)
    {
        foreach (var group in points.Where(p => p.Tier != "baseline").GroupBy(p => (p.Tier, p.Feasible)).OrderBy(g => g.Key.Tier, StringComparer.Ordinal).ThenByDescending(g => g.Key.Feasible))
        {
            var style = Tiers.GetValueOrDefault(group.Key.Tier, Other);
            var list = group.ToList();
            var scatter = plot.Add.ScatterPoints(list.Select(x).ToArray(), list.Select(y).ToArray(), style.Color.WithAlpha(group.Key.Feasible ? 0.55 : 0.8));
            scatter.MarkerShape = group.Key.Feasible ? style.Filled : style.Open;
            scatter.MarkerSize = 8;
            scatter.MarkerLineColor = group.Key.Feasible ? style.Color : Infeasible;
            scatter.MarkerLineWidth = 1;
            scatter.LegendText = $"{group.Key.Tier} tier{(group.Key.Feasible ? "" : ", infeasible")}";
        }
    }

    /// <summary>Adds one marked point (the baseline or the chosen candidate) with its legend entry.</summary>
    public static void AddMark(Plot plot, double x, double y, Color color, MarkerShape shape, string legend)
    {
        var mark = plot.Add.ScatterPoints(new[] { x }, new[] { y }, color);
        mark.MarkerShape = shape;
        mark.MarkerSize = 15;
        mark.LegendText = legend;
    }
}
