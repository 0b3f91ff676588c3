using QSLM.Errors;
using QSLM.Search.Tiers;

namespace QSLM.Search.Board;

/// <summary>
/// Puts a candidate on a board and measures it there: packs it, deploys it through a transport, has
/// the agent score it on the host's data, runs a timed workload and reads power over the agent's
/// marks. The search calls it for the candidates it is about to build on, so that what the board
/// says (a crash, a wrong answer, the memory and power it took) decides the next tier.
/// </summary>
public interface IBoardMeasurer
{
    /// <summary>The board's name, for the log and the manifest.</summary>
    string Board { get; }

    /// <summary>Measures <paramref name="candidate"/>. A failure of the candidate itself comes back as
    /// a <see cref="BoardMeasurement"/> with <see cref="BoardMeasurement.Failure"/> set.</summary>
    /// <exception cref="InfrastructureFailureException">The board, link or agent failed after every
    /// retry; the candidate is not to blame, and the search stops so it can be resumed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the
    /// board's run is stopped too (the agent killed or its connection closed), and nothing is measured.</exception>
    Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken);

    /// <summary>Measures a batch of candidates, in whatever order and on as many boards as the measurer has; the
    /// caller applies the results in its own order. One board measures them in turn (<see cref="BoardBatch.MeasureInTurnAsync"/>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the boards' runs are
    /// stopped, and nothing of the batch is kept.</exception>
    Task<BoardBatch> MeasureManyAsync(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken) =>
        BoardBatch.MeasureInTurnAsync(this, candidates, cancellationToken);
}
