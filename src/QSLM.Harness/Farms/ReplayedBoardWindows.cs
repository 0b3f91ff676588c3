using QSLM.Errors;
using QSLM.Harness.Power;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Farms;

/// <summary>
/// The agent's answers to a lab measurement written ahead (<see cref="RecordingBoardWindows"/>), handed to the same
/// <see cref="LabMeasurement"/> in order, so the figures come from exactly the code of the direct mode. A request that
/// is not the next one written down, or one the answers end before, is an infrastructure failure naming it (the
/// script and the measurement disagree, or the board stopped mid-session); so is an error the agent answered a window
/// with, since the candidate already ran on the board before its windows.
/// </summary>
public sealed class ReplayedBoardWindows : IBoardWindows
{
    private readonly IReadOnlyList<WindowRequest> _requests;
    private readonly List<Answer> _answers = [];
    private readonly string _board;
    private int _next;

    private sealed record Answer(BoardWindow? Window, ErrorReply? Error);

    /// <param name="board">The board's name, for errors.</param>
    /// <param name="requests">The windows written down, in order.</param>
    /// <param name="answers">The agent's messages from its first window's answer on (samples, marks, results, errors);
    /// what else it sent (its hello, a scoring's answer, bye) is passed over.</param>
    public ReplayedBoardWindows(string board, IReadOnlyList<WindowRequest> requests, IEnumerable<Message> answers)
    {
        _board = board;
        _requests = requests;
        var samples = new List<SensorSamples>();
        foreach (var message in answers)
        {
            switch (message)
            {
                case SensorSamples chunk:
                    samples.Add(chunk);
                    break;
                case IdleResult idle:
                    _answers.Add(new Answer(new BoardWindow(idle.StartSeconds, idle.StopSeconds, 0, 0, samples, idle.Thermal), null));
                    samples = [];
                    break;
                case RunResult { Windows: [var only] }:
                    _answers.Add(new Answer(new BoardWindow(only.StartSeconds, only.StopSeconds, only.Tokens, only.CpuSeconds, samples, only.Thermal), null));
                    samples = [];
                    break;
                case RunResult run:
                    _answers.Add(new Answer(null, new ErrorReply(ErrorCodes.OutOfSequence, $"a run of one repeat came back with {run.Windows?.Count ?? 0} windows")));
                    samples = [];
                    break;
                case ErrorReply error:
                    _answers.Add(new Answer(null, error));
                    samples = [];
                    break;
            }
        }
    }

    /// <summary>Windows answered and not yet asked for (none once the measurement has taken them all).</summary>
    public int Unused => _answers.Count - _next;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always: the host's clock did not run beside the board.</exception>
    public double HostSeconds => throw new InvalidOperationException("a measurement written ahead has no host clock beside the board's");

    /// <inheritdoc />
    public Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Task.FromResult(Take(new WindowRequest(null, length.TotalSeconds, 0, [.. sensors])));

    /// <inheritdoc />
    public Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Task.FromResult(Take(new WindowRequest(modelPath, length.TotalSeconds, warmup.TotalSeconds, [.. sensors])));

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("a measurement written ahead has no clock exchange");

    private BoardWindow Take(WindowRequest asked)
    {
        var i = _next++;
        if (i >= _requests.Count || !_requests[i].Equals(asked))
        {
            throw new InfrastructureFailureException(FormattableString.Invariant(
                $"board {_board}: window {i} of the measurement asks for {asked}, but the session written ahead has {(i < _requests.Count ? _requests[i].ToString() : "no more windows")}"));
        }
        if (i >= _answers.Count)
            throw new InfrastructureFailureException(FormattableString.Invariant($"board {_board}: the agent's answers end before window {i} ({asked})"));
        return _answers[i] switch
        {
            { Window: { } window } => window,
            { Error: { } error } => throw new InfrastructureFailureException(FormattableString.Invariant($"board {_board}: window {i} ({asked}): the agent answered {error.Code}: {error.Message}")),
            _ => throw new InvalidOperationException("an answer holds a window or an error"),
        };
    }
}
