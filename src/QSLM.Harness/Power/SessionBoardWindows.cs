using QSLM.Boards.Sessions;
using QSLM.Protocol;

namespace QSLM.Harness.Power;

/// <summary>
/// <see cref="IBoardWindows"/> over a <see cref="BoardSession"/>: each run window is one run of one repeat that lasts at
/// least the window's length after a warm-up of at least its own, sampled by the agent on the board between the marks;
/// each idle window an agent idle window; each clock exchange a time-sync request stamped with the session's host clock.
/// </summary>
/// <param name="session">The board's session (connected on first use).</param>
/// <param name="template">Tokens (the least per window), warm-up tokens, seed and threads of every run window; its
/// repeats, seconds and sensors are replaced. Default: one token, one warm-up token, seed 1, a thread per processor.</param>
public sealed class SessionBoardWindows(BoardSession session, RunSettings? template = null) : IBoardWindows
{
    private readonly RunSettings _template = template ?? new RunSettings(Tokens: 1, Warmup: 1);

    /// <inheritdoc />
    public double HostSeconds => session.HostSeconds;

    /// <inheritdoc />
    /// <remarks>An idle window's <see cref="BoardWindow.CpuSeconds"/> is 0: the agent reports no processor time for it.</remarks>
    public async Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        var idle = await session.IdleAsync(length.TotalSeconds, sensors, cancellationToken).ConfigureAwait(false);
        return new BoardWindow(idle.Result.StartSeconds, idle.Result.StopSeconds, 0, 0, idle.Samples, idle.Result.Thermal);
    }

    /// <inheritdoc />
    public async Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        var settings = _template with { Repeats = 1, MinSeconds = length.TotalSeconds, WarmupSeconds = warmup.TotalSeconds, Sensors = sensors };
        var run = await session.RunSampledAsync(modelPath, settings, null, cancellationToken).ConfigureAwait(false);
        var window = run.Result.Windows is [var only] ? only
            : throw new ProtocolException(ErrorCodes.OutOfSequence, $"a run of one repeat came back with {run.Result.Windows?.Count ?? 0} windows");
        return new BoardWindow(window.StartSeconds, window.StopSeconds, window.Tokens, window.CpuSeconds, run.Samples, window.Thermal);
    }

    /// <inheritdoc />
    public async Task<ClockExchange> SyncAsync(CancellationToken cancellationToken)
    {
        var reading = await session.SyncClockAsync(cancellationToken).ConfigureAwait(false);
        return new ClockExchange(reading.HostSentSeconds, reading.AgentSeconds, reading.HostReceivedSeconds);
    }
}
