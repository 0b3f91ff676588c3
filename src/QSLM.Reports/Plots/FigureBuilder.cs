using System.Globalization;
using System.Text;
using QSLM.Reports.Document;

namespace QSLM.Reports.Plots;

/// <summary>
/// Draws a report's figures from what the report holds, for the commands to call before writing it: per board, the
/// power trace with each window shaded and the per-window values with each side's 95% interval; for a search, the
/// Pareto front, power against size and the sensitivity analysis. Captions carry the units and power sources.
/// </summary>
public static class FigureBuilder
{
    /// <summary>The pixel size of every report figure.</summary>
    public const int Width = 1200, Height = 700;

    /// <summary><paramref name="report"/> with its figures added after any it already has.</summary>
    /// <param name="report">The report, its traces and windows filled.</param>
    /// <param name="search">A search run's candidates, for the search figures; null for other runs.</param>
    /// <param name="axis">The search figures' x axis.</param>
    public static RunReport WithFigures(RunReport report, SearchPlotData? search = null, SizeAxis axis = SizeAxis.Bytes)
    {
        var figures = new List<ReportFigure>(report.Figures);
        foreach (var trace in report.Traces)
        {
            figures.Add(new ReportFigure($"figure-power-trace-{Slug(trace.Board)}-{Slug(trace.Sensor)}.png",
                $"Power on {trace.Board} from {trace.Sensor} ({trace.Source}) in W against the run's clock in s, each measurement window shaded by its side.",
                PlotLayout.Png(TracePlot.Build(trace, report.Windows), Width, Height)));
        }
        foreach (var board in report.Windows.Select(w => w.Board).Distinct())
        {
            var sources = string.Join("; ", report.Windows.Where(w => w.Board == board).Select(w => w.Source).Distinct());
            figures.Add(new ReportFigure($"figure-power-windows-{Slug(board)}.png",
                $"Mean power per window on {board} in W ({sources}), idle included, with each side's mean over its kept windows and its 95% confidence interval (Student's t).",
                PlotLayout.Png(WindowPlot.Build(board, report.Windows), Width, Height)));
        }
        if (search is not null) figures.AddRange(Search(search, axis));
        return report with { Figures = figures };
    }

    /// <summary>A search's figures: the Pareto front, power against size where candidates have power, the sensitivity analysis where measured.</summary>
    public static IReadOnlyList<ReportFigure> Search(SearchPlotData search, SizeAxis axis)
    {
        var metric = search.IsPerplexity ? "perplexity (dimensionless)" : "accuracy in %";
        var figures = new List<ReportFigure>
        {
            new("figure-pareto.png",
                string.Create(CultureInfo.InvariantCulture, $"Host {metric} against {PlotAxes.XLabel(axis)} for {search.Candidates.Count} candidates, the Pareto front, the fp32 baseline and the chosen candidate #{search.Chosen.Candidate}."),
                PlotLayout.Png(ParetoPlot.Build(search, axis, Width, Height), Width, Height)),
            new("figure-pareto-front.png",
                string.Create(CultureInfo.InvariantCulture, $"The Pareto front in detail (the fp32 baseline apart): host {metric} against {PlotAxes.XLabel(axis)}, each front candidate labelled with its number."),
                PlotLayout.Png(ParetoPlot.Build(search, axis, Width, Height, frontOnly: true), Width, Height)),
        };
        var sources = PowerPlot.Sources(search.Candidates);
        if (sources.Count > 0)
        {
            figures.Add(new ReportFigure("figure-power.png", $"Power in W ({string.Join("; ", sources)}) against {PlotAxes.XLabel(axis)} for the candidates with a power figure.",
                PlotLayout.Png(PowerPlot.Build(search, axis, Width, Height), Width, Height)));
        }
        if (search.Sensitivity.Count > 0 && search.SensitivityBaseline is { } baseline)
        {
            figures.Add(new ReportFigure("figure-sensitivity.png",
                $"Sensitivity: the {(search.IsPerplexity ? "perplexity rise" : "accuracy loss in percentage points")} against fp32 when one block or module alone is lowered to each precision, on the sensitivity slice.",
                PlotLayout.Png(SensitivityPlot.Build(search.Sensitivity, baseline, search.IsPerplexity), Width, Height)));
        }
        return figures;
    }

    // A file name part from a board or sensor name: letters, digits, '-', '_' and '.' kept, anything else '-'.
    private static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name) slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '-');
        return slug.Length == 0 ? "unnamed" : slug.ToString();
    }
}
