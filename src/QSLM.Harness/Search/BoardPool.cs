using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Tiers;

namespace QSLM.Harness.Search;

/// <summary>
/// Several boards measuring one search's batches in parallel: each board takes the next candidate of the batch as
/// soon as it is free. A board that fails for infrastructure is out of the pool for the rest of the search, and the
/// candidate it was measuring goes to another board once the others are done (a rerun: counted and reported, never
/// the candidate's fault); a candidate no board is left for fails for infrastructure, as on a single board. Each
/// measurement says which board made it. Every board pairs its candidates with its own fp32 baseline, so a saving is
/// always measured on one device.
/// </summary>
public sealed class BoardPool : IBoardMeasurer
{
    private readonly IReadOnlyList<IBoardMeasurer> _boards;
    private readonly IProgress<string>? _progress;
    private readonly Lock _lock = new();
    private readonly List<string> _lost = [];
    private InfrastructureFailureException? _lastFailure;

    /// <param name="boards">The boards, by distinct names.</param>
    /// <param name="progress">Hears of each board lost and each candidate handed to another board.</param>
    /// <exception cref="ArgumentException">No board, or two with one name.</exception>
    public BoardPool(IReadOnlyList<IBoardMeasurer> boards, IProgress<string>? progress = null)
    {
        if (boards.Count == 0) throw new ArgumentException("a pool needs a board", nameof(boards));
        if (boards.Select(b => b.Board).Distinct(StringComparer.Ordinal).Count() != boards.Count)
            throw new ArgumentException($"boards named twice: {string.Join(", ", boards.Select(b => b.Board))}", nameof(boards));
        _boards = boards;
        _progress = progress;
    }

    /// <inheritdoc />
    public string Board => string.Join(", ", _boards.Select(b => b.Board));

    /// <summary>The boards out of the pool after an infrastructure failure, in the order they failed.</summary>
    public IReadOnlyList<string> Lost
    {
        get { lock (_lock) return [.. _lost]; }
    }

    /// <summary>Takes <paramref name="board"/> out of the pool before it gets work (it failed for infrastructure while
    /// being brought up): its candidates go to the others, and <paramref name="failure"/> is the last failure named
    /// when no board is left.</summary>
    public void Lose(string board, InfrastructureFailureException failure)
    {
        if (!_boards.Any(b => b.Board == board)) throw new ArgumentException($"{board} is not a board of {Board}", nameof(board));
        lock (_lock)
        {
            if (!_lost.Contains(board)) _lost.Add(board);
            _lastFailure = failure;
        }
    }

    /// <inheritdoc />
    public async Task<BoardMeasurement> MeasureAsync(Candidate candidate, CancellationToken cancellationToken)
    {
        var batch = await MeasureManyAsync([candidate], cancellationToken).ConfigureAwait(false);
        return batch.Measured.TryGetValue(candidate.Id, out var measurement) ? measurement : throw batch.Failed[candidate.Id];
    }

    /// <inheritdoc />
    /// <remarks>In rounds: the boards still in the pool share out what is left, each taking the next candidate when
    /// free; what a failed board was measuring is left for the next round, on the boards still standing.</remarks>
    public async Task<BoardBatch> MeasureManyAsync(IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var batch = new BoardBatch();
        var order = candidates.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var left = candidates.ToList();
        while (left.Count > 0)
        {
            var healthy = Healthy();
            if (healthy.Count == 0) break;
            var queue = new Queue<Candidate>(left);
            var dropped = new List<Candidate>();
            var failures = await Task.WhenAll(healthy.Select(board => Task.Run(() => WorkAsync(board, queue, dropped, batch, cancellationToken), cancellationToken))).ConfigureAwait(false);
            if (failures.LastOrDefault(f => f is not null) is { } failure) _lastFailure = failure;
            // What a failed board was measuring, and what no board took once every board had failed.
            left = [.. dropped.Concat(queue).OrderBy(c => order[c.Id])];
            if (Healthy().Count == 0) break;
            foreach (var candidate in dropped.OrderBy(c => order[c.Id]))
            {
                batch.CountRerun();
                _progress?.Report($"candidate #{candidate.Id} goes to another board ({string.Join(", ", Healthy().Select(b => b.Board))})");
            }
        }
        foreach (var candidate in left)
        {
            batch.Fail(candidate.Id, new InfrastructureFailureException(
                $"no board left to measure #{candidate.Id}: every board of {Board} failed; the last: {_lastFailure?.Message}", _lastFailure));
        }
        return batch;
    }

    private List<IBoardMeasurer> Healthy()
    {
        lock (_lock) return [.. _boards.Where(b => !_lost.Contains(b.Board))];
    }

    // One board's share of a round: candidates off the shared queue until it is empty or the board fails.
    private async Task<InfrastructureFailureException?> WorkAsync(IBoardMeasurer board, Queue<Candidate> queue, List<Candidate> dropped, BoardBatch batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            Candidate candidate;
            lock (queue)
            {
                if (!queue.TryDequeue(out candidate!)) return null;
            }
            try
            {
                var measurement = await board.MeasureAsync(candidate, cancellationToken).ConfigureAwait(false);
                batch.Add(candidate.Id, measurement with { MeasuredOn = board.Board });
            }
            catch (InfrastructureFailureException e)
            {
                lock (_lock)
                {
                    if (!_lost.Contains(board.Board)) _lost.Add(board.Board);
                }
                lock (queue) dropped.Add(candidate);
                _progress?.Report($"board {board.Board} failed for infrastructure measuring #{candidate.Id} and leaves the pool: {e.Message}");
                return e;
            }
        }
    }
}
