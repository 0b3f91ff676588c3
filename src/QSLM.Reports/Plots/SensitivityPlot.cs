using System.Globalization;
using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// The sensitivity analysis as the paper shows it: for each block and module, how much the metric moves when that
/// unit alone is lowered from fp32 to each precision (the rest at fp32, on the sensitivity slice): one bar per
/// precision, grouped by unit. Accuracy is shown as the loss in percentage points, perplexity as its rise; a bar below
/// zero is a unit that scored better lowered (within the slice's noise).
/// </summary>
public static class SensitivityPlot
{
    private static readonly Color[] Palette = new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf" }.Select(Color.FromHex).ToArray();

    /// <summary>The harm of one measurement against the slice's fp32 baseline, in the plot's unit.</summary>
    public static double Harm(SensitivityPoint point, double baseline, bool perplexity) => perplexity ? point.HostValue - baseline : (baseline - point.HostValue) * 100;

    /// <summary>The y axis label, with its unit.</summary>
    public static string YLabel(bool perplexity) => perplexity
        ? "perplexity rise against fp32 (dimensionless; sensitivity slice)"
        : "accuracy loss against fp32 (percentage points; sensitivity slice)";

    /// <summary>The figure for <paramref name="points"/> measured against <paramref name="baseline"/>.</summary>
    public static Plot Build(IReadOnlyList<SensitivityPoint> points, double baseline, bool perplexity)
    {
        var plot = PlotLayout.New();
        var units = points.Select(p => p.Unit).Distinct().ToList();
        var precisions = points.Select(p => p.Precision).Distinct().ToList();
        var width = 0.8 / Math.Max(precisions.Count, 1);
        var values = new List<double> { 0 };
        for (var i = 0; i < precisions.Count; i++)
        {
            var bars = points.Where(p => p.Precision == precisions[i]).Select(p =>
            {
                var value = Harm(p, baseline, perplexity);
                values.Add(value);
                return new Bar
                {
                    Position = units.IndexOf(p.Unit) - 0.4 + (i + 0.5) * width,
                    Value = value,
                    Size = width * 0.9,
                    FillColor = Palette[i % Palette.Length],
                    LineWidth = 0,
                };
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.LegendText = precisions[i];
        }
        plot.Axes.Bottom.SetTicks(units.Select((_, i) => (double)i).ToArray(), units.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // Room for the longest module name turned 45° under the axis, and the axis title below it.
        plot.Axes.Bottom.MinimumSize = 60 + (float)(units.Max(u => u.Length) * 7 * Math.Sin(Math.PI / 4));
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Sensitivity: each of {units.Count} units lowered alone to {precisions.Count} precisions"));
        plot.XLabel("unit lowered from fp32 (block or module)");
        plot.YLabel(YLabel(perplexity));
        PlotLayout.LegendOutside(plot);
        PlotAxes.Fit(plot, (-0.6, units.Count - 0.4), PlotAxes.Range(values));
        return plot;
    }
}
