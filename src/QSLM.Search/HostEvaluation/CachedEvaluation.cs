using System.Globalization;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// One line of an <see cref="EvaluationCacheFile"/>: <c>precisions,metric,bytes</c>, the metric in
/// round-trip form, so a cached evaluation reads back bit-identical to the one that was computed.
/// </summary>
/// <param name="Precisions">Precisions in compact form.</param>
/// <param name="Metric">Accuracy or perplexity.</param>
/// <param name="Bytes">Packed bytes.</param>
public sealed record CachedEvaluation(string Precisions, double Metric, long Bytes)
{
    /// <summary>The file's first line.</summary>
    public const string Header = "precisions,metric,bytes";

    /// <summary>The record as one whole line, newline included.</summary>
    /// <exception cref="ArgumentException">The precisions hold a character the line format cannot carry.</exception>
    public string ToLine()
    {
        if (Precisions.Length == 0 || Precisions.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            throw new ArgumentException($"precisions '{Precisions}' cannot be cached: empty, or holds a comma, quote or line break");
        return string.Create(CultureInfo.InvariantCulture, $"{Precisions},{Metric:R},{Bytes}\n");
    }

    /// <summary>Reads a line written by <see cref="ToLine"/> (without its newline); null, and the reason in
    /// <paramref name="problem"/>, when it is not one.</summary>
    public static CachedEvaluation? TryParse(string line, out string? problem)
    {
        var fields = line.Split(',');
        if (fields.Length != 3) problem = $"{fields.Length} fields, not 3";
        else if (fields[0].Length == 0 || fields[0].Any(char.IsControl)) problem = "no precisions, or a control character in them";
        else if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var metric) || !double.IsFinite(metric)) problem = "the metric is not a finite number";
        else if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) problem = "the byte count is not a non-negative integer";
        else
        {
            problem = null;
            return new CachedEvaluation(fields[0], metric, bytes);
        }
        return null;
    }
}
