using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// Keeps every host evaluation (sensitivity measurements included) in a file named by what decides
/// its result — the model files, the data slice and the evaluator — so a later search of the same
/// model and data reuses them instead of evaluating again. Caches of one file share it
/// (<see cref="EvaluationCacheFile"/>): what one evaluates, the others answer from it.
/// </summary>
public sealed class EvaluationCache : ICandidateEvaluator, IDisposable
{
    private readonly ICandidateEvaluator _inner;
    private readonly EvaluationCacheFile _file;
    private bool _disposed;

    /// <summary>Opens (or starts) the cache file <paramref name="path"/> in front of <paramref name="inner"/>;
    /// <paramref name="warn"/> is told each damaged line found in it (dropped, the file rewritten without it).</summary>
    public EvaluationCache(string path, ICandidateEvaluator inner, Action<string>? warn = null)
    {
        _inner = inner;
        _file = EvaluationCacheFile.Open(path, warn);
    }

    /// <summary>Evaluations answered from the cache.</summary>
    public int Hits { get; private set; }

    /// <inheritdoc />
    public async ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_file.TryGet(precisions.Compact, out var known))
        {
            Hits++;
            return new Evaluation(known.Metric, known.Bytes);
        }
        var evaluation = await _inner.EvaluateAsync(precisions, cancellationToken).ConfigureAwait(false);
        _file.Add(new CachedEvaluation(precisions.Compact, evaluation.Metric, evaluation.Bytes));
        return evaluation;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _file.Release();
    }
}
