namespace QSLM.Boards.Health;

/// <summary>
/// The bring-up state machine: unknown → reachable → agent ready → model loaded → running; back to
/// model loaded when a run ends, to agent ready when the stored model turned out to be gone, and to
/// unknown from anywhere when the board is lost. Any other move is a bug in the caller and throws.
/// </summary>
public sealed class BoardStateMachine
{
    private readonly List<BoardState> _history = [BoardState.Unknown];

    /// <summary>The current state.</summary>
    public BoardState State { get; private set; } = BoardState.Unknown;

    /// <summary>Every state entered, in order, starting with <see cref="BoardState.Unknown"/>.</summary>
    public IReadOnlyList<BoardState> History => _history;

    /// <summary>Whether a move from <paramref name="from"/> to <paramref name="to"/> is allowed.</summary>
    public static bool Allowed(BoardState from, BoardState to) => (from, to) switch
    {
        (_, BoardState.Unknown) => true,
        (BoardState.Unknown, BoardState.Reachable) => true,
        (BoardState.Reachable or BoardState.ModelLoaded or BoardState.Running, BoardState.AgentReady) => true,
        (BoardState.AgentReady or BoardState.ModelLoaded, BoardState.ModelLoaded) => true,
        (BoardState.ModelLoaded, BoardState.Running) => true,
        (BoardState.Running, BoardState.ModelLoaded) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="to"/>; staying put is a no-op.</summary>
    public void MoveTo(BoardState to)
    {
        if (to == State) return;
        if (!Allowed(State, to)) throw new InvalidOperationException($"a board cannot go from {State} to {to}");
        State = to;
        _history.Add(to);
    }
}
