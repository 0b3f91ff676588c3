using QSLM.Search.Hierarchy;

namespace QSLM.Search.Tiers;

/// <summary>Evaluates a candidate: the host's fake-quantized model (fast), or a fake in tests.</summary>
public interface ICandidateEvaluator
{
    /// <summary>The metric (accuracy or perplexity, <see cref="Objective.MetricKind"/>) and exact packed bytes of <paramref name="precisions"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the evaluation finished.</exception>
    ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken);
}

/// <summary>A candidate's metric and packed file size.</summary>
public sealed record Evaluation(double Metric, long Bytes);
