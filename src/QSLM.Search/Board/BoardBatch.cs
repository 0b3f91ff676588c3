using QSLM.Errors;
using QSLM.Search.Tiers;

namespace QSLM.Search.Board;

/// <summary>
/// What the board, or a pool of boards, said of a batch of candidates, by candidate number: each candidate was
/// measured, failed for infrastructure on every board it was tried on, or was not reached (a single board stops at
/// its first infrastructure failure). Filled from several boards at once, so additions are locked; the ledger
/// reads it once the batch is over, in its own order, so the log does not depend on which board finished first.
/// </summary>
public sealed class BoardBatch
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, BoardMeasurement> _measured = [];
    private readonly Dictionary<int, InfrastructureFailureException> _failed = [];
    private int _reruns;

    /// <summary>The candidates measured (a failure of the candidate itself included), by number.</summary>
    public IReadOnlyDictionary<int, BoardMeasurement> Measured
    {
        get { lock (_lock) return new Dictionary<int, BoardMeasurement>(_measured); }
    }

    /// <summary>The candidates no board could measure for infrastructure, by number, with the last board's failure.</summary>
    public IReadOnlyDictionary<int, InfrastructureFailureException> Failed
    {
        get { lock (_lock) return new Dictionary<int, InfrastructureFailureException>(_failed); }
    }

    /// <summary>Candidates run again on another board after the board measuring them failed for infrastructure.</summary>
    public int Reruns
    {
        get { lock (_lock) return _reruns; }
    }

    /// <summary>Records what a board measured of candidate <paramref name="candidate"/>.</summary>
    public void Add(int candidate, BoardMeasurement measurement)
    {
        lock (_lock) _measured[candidate] = measurement;
    }

    /// <summary>Records that no board could measure candidate <paramref name="candidate"/>.</summary>
    public void Fail(int candidate, InfrastructureFailureException failure)
    {
        lock (_lock) _failed[candidate] = failure;
    }

    /// <summary>Counts a candidate handed to another board after an infrastructure failure.</summary>
    public void CountRerun()
    {
        lock (_lock) _reruns++;
    }

    /// <summary>Measures <paramref name="candidates"/> one after another on <paramref name="board"/>, stopping at the
    /// first infrastructure failure (the candidates after it are not reached): a single board's batch.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<BoardBatch> MeasureInTurnAsync(IBoardMeasurer board, IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var batch = new BoardBatch();
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                batch.Add(candidate.Id, await board.MeasureAsync(candidate, cancellationToken).ConfigureAwait(false));
            }
            catch (InfrastructureFailureException e)
            {
                batch.Fail(candidate.Id, e);
                break;
            }
        }
        return batch;
    }
}
