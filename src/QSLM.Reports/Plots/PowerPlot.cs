using System.Globalization;
using QSLM.Search.Results;
using ScottPlot;

namespace QSLM.Cli.Reports;

/// <summary>
/// Power against size for the candidates that have a power figure, one series per source, with
/// the sources in the axis label: a simulated or estimated figure is never shown as measured.
/// </summary>
internal static class PowerPlot
{
    private static readonly Color[] Palette = new[] { "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2" }.Select(Color.FromHex).ToArray();

    /// <summary>The sources of the run's power figures, in first-seen order ("unknown source" where a row names none).</summary>
    public static IReadOnlyList<string> Sources(SearchRun run) =>
        run.Candidates.Where(r => r.PowerWatts is not null).Select(Source).Distinct().ToList();

    /// <summary>The y axis label, e.g. <c>power (W, estimated:horowitz-45nm)</c>.</summary>
    public static string YLabel(IReadOnlyList<string> sources) => $"power (W, {string.Join("; ", sources)})";

    public static void Save(string path, int width, int height, SearchRun run, CandidateRow chosen, SizeAxis axis)
    {
        var rows = run.Candidates.Where(r => r.PowerWatts is not null).ToList();
        var sources = Sources(run);
        var plot = new Plot();
        ReportFonts.Apply(plot);
        for (var i = 0; i < sources.Count; i++)
        {
            var own = rows.Where(r => Source(r) == sources[i]).ToList();
            ParetoPlot.Points(plot, own.Where(r => r.Feasible).ToList(), axis, Palette[i % Palette.Length], MarkerShape.FilledCircle, 8, sources[i], Power);
            ParetoPlot.Points(plot, own.Where(r => !r.Feasible).ToList(), axis, Palette[i % Palette.Length], MarkerShape.OpenCircle, 8, $"{sources[i]}, infeasible", Power);
        }
        if (run.Baseline is { PowerWatts: not null } baseline) ParetoPlot.Mark(plot, baseline, axis, Color.FromHex("#000000"), MarkerShape.FilledSquare, "fp32 baseline", "fp32", Power, labelLeft: axis == SizeAxis.Bytes);
        if (chosen.PowerWatts is not null)
            ParetoPlot.Mark(plot, chosen, axis, Color.FromHex("#2ca02c"), MarkerShape.FilledDiamond, "chosen", string.Create(CultureInfo.InvariantCulture, $"chosen #{chosen.Candidate}"), Power);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Power against size: {rows.Count} candidates with a power figure"));
        plot.XLabel(PlotAxes.XLabel(axis));
        plot.YLabel(YLabel(sources));
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, width, height);
    }

    private static double Power(CandidateRow row) => row.PowerWatts ?? double.NaN;

    private static string Source(CandidateRow row) => row.PowerSource?.ToString() ?? "unknown source";
}
