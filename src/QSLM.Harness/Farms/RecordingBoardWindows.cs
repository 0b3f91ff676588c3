using QSLM.Boards.Sessions;
using QSLM.Harness.Power;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Farms;

/// <summary>
/// The board side of a lab measurement taken down ahead of the run, for a farm where QSLM cannot speak to the agent
/// while it works: a <see cref="LabMeasurement"/> run against it writes down each window it asks for
/// (<see cref="Requests"/>), answered with made-up windows of a flat power, and <see cref="Session"/> turns them into
/// the requests the direct mode's <see cref="SessionBoardWindows"/> sends. The sequence is fixed ahead only where the
/// measurement does not depend on the answers: a meter on the board (a host meter needs the host's clock while the
/// board runs) and no thermal state (a board that reports it could ask for cool-downs and repeats), as on a simulated
/// board. <see cref="ReplayedBoardWindows"/> then hands the agent's answers to the same measurement.
/// </summary>
public sealed class RecordingBoardWindows : IBoardWindows
{
    private const string NoHostClock = "a measurement written ahead cannot read the host's clock while the board runs: a meter on the host is not scriptable";
    private readonly List<WindowRequest> _requests = [];
    private double _clock;

    /// <summary>The windows asked for, in order.</summary>
    public IReadOnlyList<WindowRequest> Requests => _requests;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always: there is no run to read the host's clock against.</exception>
    public double HostSeconds => throw new InvalidOperationException(NoHostClock);

    /// <inheritdoc />
    public Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        _requests.Add(new WindowRequest(null, length.TotalSeconds, 0, [.. sensors]));
        return Task.FromResult(Window(length, 0, sensors));
    }

    /// <inheritdoc />
    public Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        _requests.Add(new WindowRequest(modelPath, length.TotalSeconds, warmup.TotalSeconds, [.. sensors]));
        return Task.FromResult(Window(length, 1, sensors));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always: a clock exchange needs the live board.</exception>
    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(NoHostClock);

    /// <summary>The agent session's messages for <paramref name="requests"/>, as <see cref="SessionBoardWindows"/> sends
    /// them: an idle request per idle window; a run of one repeat per run window, with the acknowledgement of its two marks.</summary>
    /// <param name="requests">The windows, in order.</param>
    /// <param name="sha256Of">The SHA-256 of the model file at a host path (the name it is stored under on the board).</param>
    /// <param name="template">Tokens, warm-up tokens, seed and threads of every run window, as the direct mode's windows take them.</param>
    public static IReadOnlyList<Message> Session(IReadOnlyList<WindowRequest> requests, Func<string, string> sha256Of, RunSettings template)
    {
        var messages = new List<Message>();
        foreach (var request in requests)
        {
            if (request.Model is not { } model)
            {
                messages.Add(new SampleIdle(request.Seconds, request.Sensors));
                continue;
            }
            messages.Add(new RunWorkload(sha256Of(model), template.Tokens, template.Warmup, 1, template.Seed, template.Threads, request.Seconds, request.WarmupSeconds, request.Sensors));
            messages.Add(new MarkAck(MarkPhase.Start, 0));
            messages.Add(new MarkAck(MarkPhase.Stop, 0));
        }
        return messages;
    }

    // A window with one watt at both ends on every sensor: enough for the measurement to go on to its next request.
    private BoardWindow Window(TimeSpan length, long tokens, IReadOnlyList<string> sensors)
    {
        var start = _clock;
        _clock += length.TotalSeconds;
        var samples = sensors.Select(s => new SensorSamples(0, s, "power", "W", SourceTag.Simulated("written-ahead"), [start, _clock], [1.0, 1.0])).ToList();
        return new BoardWindow(start, _clock, tokens, 0, samples, null);
    }
}
