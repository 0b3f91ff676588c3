using System.Globalization;
using QSLM.Errors;

namespace QSLM.Search.Objective;

/// <summary>Which way a metric is better.</summary>
public enum MetricKind
{
    /// <summary>SST-2 accuracy, a fraction in [0, 1]: higher is better.</summary>
    Accuracy,

    /// <summary>WikiText-2 perplexity: lower is better.</summary>
    Perplexity,
}

/// <summary>
/// constA: the accuracy a candidate must keep — an accuracy floor or a perplexity ceiling, either
/// absolute or relative to the fp32 baseline. Text forms: <c>acc&gt;=0.78</c>, <c>acc&gt;=-1pt</c>
/// (at most one percentage point below the baseline), <c>ppl&lt;=200</c>, <c>ppl&lt;=+5%</c>.
/// </summary>
public sealed record AccuracyConstraint(MetricKind Metric, double Value, bool Relative)
{
    /// <summary>The bound the metric must respect, given the baseline.</summary>
    public double Bound(double baseline) => (Metric, Relative) switch
    {
        (MetricKind.Accuracy, true) => baseline + Value,
        (MetricKind.Perplexity, true) => baseline * (1 + Value),
        _ => Value,
    };

    /// <summary>Whether <paramref name="metric"/> respects the constraint.</summary>
    public bool IsMet(double metric, double baseline) => Metric == MetricKind.Accuracy ? metric >= Bound(baseline) - 1e-12 : metric <= Bound(baseline) + 1e-12;

    /// <summary>How far <paramref name="metric"/> is on the wrong side of the bound (0 when met).</summary>
    public double Shortfall(double metric, double baseline) =>
        Math.Max(0, Metric == MetricKind.Accuracy ? Bound(baseline) - metric : metric - Bound(baseline));

    /// <summary>Parses the text form.</summary>
    public static AccuracyConstraint Parse(string text)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var (metric, rest) = t.StartsWith("acc>=", StringComparison.Ordinal) ? (MetricKind.Accuracy, t[5..])
            : t.StartsWith("ppl<=", StringComparison.Ordinal) ? (MetricKind.Perplexity, t[5..])
            : throw Bad(text);
        if (metric == MetricKind.Accuracy && rest.EndsWith("pt", StringComparison.Ordinal) && rest.StartsWith('-'))
            return new(metric, -Number(rest[1..^2], text) / 100, Relative: true);
        if (metric == MetricKind.Perplexity && rest.EndsWith('%') && rest.StartsWith('+'))
            return new(metric, Number(rest[1..^1], text) / 100, Relative: true);
        var value = Number(rest, text);
        if (metric == MetricKind.Accuracy && value is < 0 or > 1) throw new InputException($"constA '{text}': an absolute accuracy is a fraction in [0, 1]");
        if (metric == MetricKind.Perplexity && value < 1) throw new InputException($"constA '{text}': a perplexity is at least 1");
        return new(metric, value, Relative: false);
    }

    /// <inheritdoc />
    public override string ToString() => (Metric, Relative) switch
    {
        (MetricKind.Accuracy, true) => string.Create(CultureInfo.InvariantCulture, $"acc>=-{-Value * 100:0.###}pt"),
        (MetricKind.Perplexity, true) => string.Create(CultureInfo.InvariantCulture, $"ppl<=+{Value * 100:0.###}%"),
        (MetricKind.Accuracy, false) => string.Create(CultureInfo.InvariantCulture, $"acc>={Value:0.####}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"ppl<={Value:0.###}"),
    };

    private static double Number(string s, string text) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 ? v : throw Bad(text);

    private static InputException Bad(string text) =>
        new($"constA '{text}' is not one of acc>=FRACTION, acc>=-POINTSpt, ppl<=VALUE, ppl<=+PERCENT% (e.g. acc>=-1pt)");
}
