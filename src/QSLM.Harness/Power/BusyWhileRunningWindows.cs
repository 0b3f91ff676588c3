using QSLM.Sensors.Simulation;

namespace QSLM.Harness.Power;

/// <summary>Board windows whose host meter is the built-in simulated board (<c>--sensor simulated</c>): the simulation
/// draws its busy power while a window runs and its idle power otherwise, as a real board beside a host meter would.</summary>
/// <param name="inner">The real board's windows.</param>
/// <param name="board">The simulated board the host meter reads.</param>
public sealed class BusyWhileRunningWindows(IBoardWindows inner, SimulatedBoard board) : IBoardWindows
{
    /// <inheritdoc />
    public double HostSeconds => inner.HostSeconds;

    /// <inheritdoc />
    public Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        inner.IdleAsync(length, sensors, cancellationToken);

    /// <inheritdoc />
    public async Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken)
    {
        board.Busy = true;
        try
        {
            return await inner.RunAsync(modelPath, length, warmup, sensors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            board.Busy = false;
        }
    }

    /// <inheritdoc />
    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken) => inner.SyncAsync(cancellationToken);
}
