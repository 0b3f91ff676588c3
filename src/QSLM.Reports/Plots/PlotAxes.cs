using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>What a report's x axis shows.</summary>
public enum SizeAxis
{
    /// <summary>The packed file in MB (10^6 bytes).</summary>
    Bytes,

    /// <summary>The memory reduction against fp32, in %.</summary>
    Reduction,
}

/// <summary>How a candidate maps to the plots' axes, how they are labelled (always with a unit), and how far they run:
/// to the data and a margin, never past what the quantity can be (an accuracy below 0% or above 100%).</summary>
public static class PlotAxes
{
    /// <summary>The share of the data's span left free on each side, so no marker sits on the frame.</summary>
    public const double Margin = 0.08;

    /// <summary>The candidate's x.</summary>
    public static double X(SearchPoint point, SizeAxis axis) => axis == SizeAxis.Bytes ? point.Bytes / 1e6 : point.MemoryReduction * 100;

    /// <summary>The x axis label, with its unit.</summary>
    public static string XLabel(SizeAxis axis) => axis == SizeAxis.Bytes ? "packed size (MB)" : "memory reduction against fp32 (%)";

    /// <summary>Accuracy in %, perplexity as is (the host's value, which every candidate has).</summary>
    public static double Y(SearchPoint point, bool perplexity) => perplexity ? point.HostValue : point.HostValue * 100;

    /// <summary>The y axis label, with its unit (perplexity is a ratio: its unit is none, said so).</summary>
    public static string YLabel(bool perplexity) => perplexity ? "perplexity (host, dimensionless; lower is better)" : "accuracy (% on the host; higher is better)";

    /// <summary>The range <paramref name="values"/> need with a margin, held within <paramref name="floor"/> and
    /// <paramref name="ceiling"/>. A single value gets a span of its own size (or 1) so it does not sit on an edge.</summary>
    public static (double Low, double High) Range(IEnumerable<double> values, double? floor = null, double? ceiling = null)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (floor ?? 0, ceiling ?? 1);
        var (min, max) = (finite.Min(), finite.Max());
        var span = max > min ? max - min : Math.Max(Math.Abs(max) * 0.1, 1);
        var (low, high) = (min - span * Margin, max + span * Margin);
        if (floor is { } f) low = Math.Max(low, f);
        if (ceiling is { } c) high = Math.Min(high, c);
        return (low, high);
    }

    /// <summary>Scales <paramref name="plot"/>'s axes to the data, within the bounds each quantity has.</summary>
    public static void Fit(Plot plot, (double Low, double High) x, (double Low, double High) y) => plot.Axes.SetLimits(x.Low, x.High, y.Low, y.High);

    /// <summary>The y range of a metric: accuracy in % within [0, 100], perplexity at least 0.</summary>
    public static (double Low, double High) MetricRange(IEnumerable<double> values, bool perplexity) => perplexity ? Range(values, floor: 0) : Range(values, 0, 100);

    /// <summary>The x range of a size axis: never below 0; a reduction never above 100%.</summary>
    public static (double Low, double High) SizeRange(IEnumerable<double> values, SizeAxis axis) => axis == SizeAxis.Reduction ? Range(values, 0, 100) : Range(values, floor: 0);

    /// <summary><paramref name="range"/> widened by <paramref name="share"/> of its span on each side, held within
    /// <paramref name="floor"/> and <paramref name="ceiling"/>.</summary>
    public static (double Low, double High) Widen((double Low, double High) range, double share, double? floor = null, double? ceiling = null)
    {
        var span = range.High - range.Low;
        var (low, high) = (range.Low - span * share, range.High + span * share);
        return (floor is { } f ? Math.Max(low, f) : low, ceiling is { } c ? Math.Min(high, c) : high);
    }
}
