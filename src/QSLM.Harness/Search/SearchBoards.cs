using QSLM.Boards.Settings;
using QSLM.Errors;
using QSLM.Search.Board;
using QSLM.Search.Tiers;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Search;

/// <summary>
/// The boards a search measures on, each through its own <see cref="AgentBoardMeasurer"/> (its session holding the
/// board's lock): one board measures directly, several as a <see cref="BoardPool"/> sharing each batch. They are
/// brought up together and must give their power figures one tag, so the search compares like with like.
/// </summary>
public sealed class SearchBoards : ISearchBoards
{
    private readonly IReadOnlyList<AgentBoardMeasurer> _boards;
    private readonly IProgress<string>? _progress;

    /// <param name="boards">The boards, at least one (owned).</param>
    /// <param name="progress">Hears of boards lost and candidates rerun, where there are several.</param>
    public SearchBoards(IReadOnlyList<AgentBoardMeasurer> boards, IProgress<string>? progress = null)
    {
        if (boards.Count == 0) throw new ArgumentException("a search needs a board to measure on", nameof(boards));
        _boards = boards;
        _progress = progress;
        Measurer = boards.Count == 1 ? boards[0] : Pool = new BoardPool(boards, progress);
    }

    /// <summary>What the search's ledger measures through.</summary>
    public IBoardMeasurer Measurer { get; }

    /// <summary>The pool, where there are several boards.</summary>
    public BoardPool? Pool { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Lost => Pool?.Lost ?? [];

    /// <summary>The boards' names.</summary>
    public IReadOnlyList<string> Names => [.. _boards.Select(b => b.Board)];

    /// <summary>The windows of every measurement, in words (the boards share the rules), or null when power is estimated.</summary>
    public string? PowerWindows => _boards[0].PowerWindows;

    /// <summary>The windows log every board appends to.</summary>
    public string? WindowsLog => _boards[0].WindowsLog;

    /// <summary>Brings every board up at once (<see cref="AgentBoardMeasurer.PrepareAsync"/>). Of several boards, one that
    /// fails for infrastructure (unreachable, a setting that does not read back, a meter that gives nothing) leaves the
    /// pool, said on the progress, and the others go on.</summary>
    /// <returns>The tag every power figure carries, and the first ready board's settings read back (each board's are reported).</returns>
    /// <exception cref="InputException">The boards' meters give different tags: their figures cannot be compared.</exception>
    /// <exception cref="InfrastructureFailureException">No board could be brought up (one board: its failure).</exception>
    public async Task<(SourceTag Source, AppliedSettings? Settings)> PrepareAsync(CancellationToken cancellationToken)
    {
        var attempts = await Task.WhenAll(_boards.Select(async board =>
        {
            try
            {
                return (Board: board, Prepared: await board.PrepareAsync(cancellationToken).ConfigureAwait(false), Failure: (InfrastructureFailureException?)null);
            }
            catch (InfrastructureFailureException e) when (Pool is not null)
            {
                return (Board: board, Prepared: default((SourceTag, AppliedSettings?)), Failure: e);
            }
        })).ConfigureAwait(false);
        var ready = attempts.Where(a => a.Failure is null).ToList();
        if (ready.Count == 0)
        {
            throw new InfrastructureFailureException($"no board of {Measurer.Board} could be brought up; "
                + string.Join("; ", attempts.Select(a => $"{a.Board.Board}: {a.Failure!.Message}")), attempts[0].Failure);
        }
        // With several boards, one that cannot be brought up leaves the pool, and the others measure its share.
        foreach (var (board, _, failure) in attempts.Where(a => a.Failure is not null))
        {
            Pool!.Lose(board.Board, failure!);
            _progress?.Report($"board {board.Board} failed for infrastructure while being brought up and leaves the pool: {failure!.Message}");
        }
        var tags = ready.Select(a => a.Prepared.Item1).Distinct().ToList();
        if (tags.Count > 1)
        {
            throw new InputException("the boards' power figures would carry different tags ("
                + string.Join(", ", ready.Select(a => $"{a.Board.Board}: {a.Prepared.Item1}")) + "); measure on boards of one kind, with one kind of meter");
        }
        return ready[0].Prepared;
    }

    /// <summary>Packs <paramref name="candidate"/> to <paramref name="path"/>, as every board gets it.</summary>
    public string Pack(Candidate candidate, string path) => _boards[0].Pack(candidate, path);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var board in _boards) await board.DisposeAsync().ConfigureAwait(false);
    }
}
