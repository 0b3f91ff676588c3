using QSLM.Search.Board;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;

namespace QSLM.Search.Tiers;

/// <summary>An evaluated candidate, numbered in the order the search first asked for it.</summary>
/// <param name="Id">1-based number; the fp32 baseline is 1.</param>
/// <param name="Tier">The step that asked for it.</param>
/// <param name="Precisions">Its precision per module.</param>
/// <param name="Metric">Accuracy or perplexity on the host (fake quantization).</param>
/// <param name="Bytes">Exact packed file bytes.</param>
/// <param name="Score">The objective <c>J</c> (with the measured power term once it ran on a board).</param>
/// <param name="Feasible">Whether it meets constA and constM, and ran and checked out on the board (within the objective's board limits) if it was put there.</param>
public sealed record Candidate(int Id, SearchTier Tier, Precisions Precisions, double Metric, long Bytes, double Score, bool Feasible)
{
    /// <summary>What the board said of it, or null while it has only been evaluated on the host.</summary>
    public BoardMeasurement? Board { get; init; }

    /// <summary>Whether its board measurement meets the objective's <see cref="BoardLimits"/> (and whether an
    /// estimated power or energy figure decided it), or null without board limits or a measurement.</summary>
    public BoardLimitVerdict? Limits { get; init; }
}
