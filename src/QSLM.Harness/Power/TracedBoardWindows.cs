namespace QSLM.Harness.Power;

/// <summary>
/// <see cref="IBoardWindows"/> that keeps every power sample of one board sensor it passes on, stamped on the agent's
/// clock (the clock of the windows' marks), for a report's power trace with its windows shaded.
/// </summary>
/// <param name="inner">The board's windows.</param>
/// <param name="sensor">The sensor's spec, as its samples name it.</param>
public sealed class TracedBoardWindows(IBoardWindows inner, string sensor) : IBoardWindows
{
    private readonly List<(double Seconds, double Watts)> _trace = [];

    /// <summary>The samples so far, in time order.</summary>
    public IReadOnlyList<(double Seconds, double Watts)> Trace => [.. _trace.OrderBy(p => p.Seconds)];

    /// <inheritdoc />
    public double HostSeconds => inner.HostSeconds;

    /// <inheritdoc />
    public async Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Keep(await inner.IdleAsync(length, sensors, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Keep(await inner.RunAsync(modelPath, length, warmup, sensors, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken) => inner.SyncAsync(cancellationToken);

    private BoardWindow Keep(BoardWindow window)
    {
        foreach (var samples in window.Samples.Where(s => s.Sensor == sensor && s.Quantity == "power"))
            _trace.AddRange(samples.AgentSeconds.Zip(samples.Values));
        return window;
    }
}
