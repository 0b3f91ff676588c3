using CsvHelper;
using QSLM.Search.Hierarchy;
using QSLM.Search.Results;
using QSLM.Search.Tiers;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// Keeps every host evaluation (sensitivity measurements included) in a CSV named by what decides
/// its result — the model files, the data slice and the evaluator — so a later search of the same
/// model and data reuses them instead of evaluating again. Rows are appended and flushed one at a
/// time; a torn last row is ignored.
/// </summary>
public sealed class EvaluationCache : ICandidateEvaluator, IDisposable
{
    private readonly ICandidateEvaluator _inner;
    private readonly Dictionary<string, Evaluation> _known = new(StringComparer.Ordinal);
    private readonly AppendOnlyCsv<CachedEvaluation> _csv;

    /// <summary>Opens (or starts) the cache file <paramref name="path"/> in front of <paramref name="inner"/>.</summary>
    public EvaluationCache(string path, ICandidateEvaluator inner)
    {
        _inner = inner;
        _csv = AppendOnlyCsv<CachedEvaluation>.Open(path);
        foreach (var row in _csv.Rows) _known[row.Precisions] = new Evaluation(row.Metric, row.Bytes);
    }

    /// <summary>Evaluations answered from the cache.</summary>
    public int Hits { get; private set; }

    /// <inheritdoc />
    public Evaluation Evaluate(Precisions precisions)
    {
        if (_known.TryGetValue(precisions.Compact, out var known))
        {
            Hits++;
            return known;
        }
        var evaluation = _inner.Evaluate(precisions);
        _known[precisions.Compact] = evaluation;
        _csv.Append(new CachedEvaluation { Precisions = precisions.Compact, Metric = evaluation.Metric, Bytes = evaluation.Bytes });
        return evaluation;
    }

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}

/// <summary>A cached evaluation.</summary>
[CsvRecord]
public sealed partial record CachedEvaluation
{
    /// <summary>Precisions in compact form.</summary>
    [CsvColumn("precisions")] public string Precisions { get; init; } = "";

    /// <summary>Accuracy or perplexity.</summary>
    [CsvColumn("metric")] public double Metric { get; init; }

    /// <summary>Packed bytes.</summary>
    [CsvColumn("bytes")] public long Bytes { get; init; }
}
