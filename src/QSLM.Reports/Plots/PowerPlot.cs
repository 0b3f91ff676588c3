using System.Globalization;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// Power against size for the candidates that have a power figure, one series per source, with the sources in the
/// axis label: a simulated or estimated figure is never shown as measured. The legend sits outside the data area.
/// </summary>
public static class PowerPlot
{
    private static readonly Color[] Palette = new[] { "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2" }.Select(Color.FromHex).ToArray();

    /// <summary>The sources of the candidates' power figures, in first-seen order ("unknown source" where a candidate names none).</summary>
    public static IReadOnlyList<string> Sources(IEnumerable<SearchPoint> candidates) =>
        candidates.Where(r => r.PowerWatts is not null).Select(Source).Distinct().ToList();

    /// <summary>The y axis label, e.g. <c>power (W, estimated:horowitz-45nm)</c>.</summary>
    public static string YLabel(IReadOnlyList<string> sources) => $"power (W, {string.Join("; ", sources)})";

    /// <summary>The figure for <paramref name="data"/>, to be drawn at <paramref name="width"/> by <paramref name="height"/> pixels.</summary>
    public static Plot Build(SearchPlotData data, SizeAxis axis, int width = 1200, int height = 700)
    {
        var rows = data.Candidates.Where(r => r.PowerWatts is not null).ToList();
        var sources = Sources(rows);
        var plot = PlotLayout.New();
        double X(SearchPoint p) => PlotAxes.X(p, axis);
        static double Y(SearchPoint p) => p.PowerWatts ?? double.NaN;
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var feasible in new[] { true, false })
            {
                var own = rows.Where(r => Source(r) == sources[i] && r.Feasible == feasible).ToList();
                if (own.Count == 0) continue;
                var points = plot.Add.ScatterPoints(own.Select(X).ToArray(), own.Select(Y).ToArray(), Palette[i % Palette.Length].WithAlpha(0.7));
                points.MarkerShape = feasible ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                points.MarkerSize = 9;
                points.LegendText = feasible ? sources[i] : $"{sources[i]}, infeasible";
            }
        }
        var xRange = PlotAxes.SizeRange(rows.Select(X), axis);
        var yRange = PlotAxes.Range(rows.Select(Y), floor: 0);
        var others = rows.Select(p => (X(p), Y(p))).ToList();
        var labels = new LabelLayout(xRange, yRange, (width, height), others);
        if (data.Chosen.PowerWatts is not null)
        {
            CandidateMarkers.AddMark(plot, X(data.Chosen), Y(data.Chosen), CandidateMarkers.Chosen, MarkerShape.FilledDiamond, "chosen");
            labels.Add(plot, string.Create(CultureInfo.InvariantCulture, $"chosen #{data.Chosen.Candidate}"), (X(data.Chosen), Y(data.Chosen)), others, CandidateMarkers.Chosen);
        }
        if (data.Baseline is { PowerWatts: not null } baseline)
        {
            CandidateMarkers.AddMark(plot, X(baseline), Y(baseline), CandidateMarkers.Baseline, MarkerShape.FilledSquare, "fp32 baseline");
            labels.Add(plot, "fp32", (X(baseline), Y(baseline)), others, CandidateMarkers.Baseline);
        }
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Power against size: {rows.Count} candidates with a power figure"));
        plot.XLabel(PlotAxes.XLabel(axis));
        plot.YLabel(YLabel(sources));
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, xRange, yRange);
        return plot;
    }

    /// <summary>Saves the figure as a PNG.</summary>
    public static void Save(string path, int width, int height, SearchPlotData data, SizeAxis axis) => File.WriteAllBytes(path, PlotLayout.Png(Build(data, axis, width, height), width, height));

    private static string Source(SearchPoint row) => row.PowerSource ?? "unknown source";
}
