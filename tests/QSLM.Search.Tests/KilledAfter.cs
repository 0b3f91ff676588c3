using QSLM.Search.Hierarchy;
using QSLM.Search.Synthetic;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests;

/// <summary>An evaluator that throws, as a killed process would stop, after <paramref name="failAfter"/> evaluations.</summary>
internal sealed class KilledAfter(SyntheticEvaluator inner, int failAfter) : ICandidateEvaluator
{
    public ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken) =>
        inner.Calls == failAfter ? throw new IOException("synthetic evaluator killed") : inner.EvaluateAsync(precisions, cancellationToken);
}
