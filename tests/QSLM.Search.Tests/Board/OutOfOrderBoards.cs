using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Board;

/// <summary>
/// A stand-in for a pool of boards: a batch is measured on one <see cref="SyntheticBoard"/> but finishes last-first, so anything that follows the order results arrive in shows. Candidates
/// matching <see cref="Unmeasurable"/> fail for infrastructure on every board; <see cref="RerunsPerBatch"/> candidates
/// of each batch count as handed to another board after one failed.
/// </summary>
internal sealed class OutOfOrderBoards(SyntheticBoard board) : IBoardMeasurer
{
    public string Board => "synthetic-pool";

    public Func<Candidate, bool> Unmeasurable { get; init; } = _ => false;

    public int RerunsPerBatch { get; init; }

    /// <summary>The candidate numbers of each batch, as handed over.</summary>
    public List<IReadOnlyList<int>> Batches { get; } = [];

    public Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken) => board.MeasureAsync(candidate, cancellationToken);

    public async Task<BoardBatch> MeasureManyAsync(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        Batches.Add(candidates.Select(c => c.Id).ToList());
        var batch = new BoardBatch();
        foreach (var candidate in candidates.Reverse())
        {
            if (Unmeasurable(candidate)) batch.Fail(candidate.Id, new InfrastructureFailureException($"synthetic: every board lost its link measuring #{candidate.Id}"));
            else batch.Add(candidate.Id, await board.MeasureAsync(candidate, cancellationToken) with { MeasuredOn = "synthetic-" + (candidate.Id % 2) });
        }
        for (var i = 0; i < RerunsPerBatch; i++) batch.CountRerun();
        return batch;
    }
}
