using QSLM.Sensors.Calibration;

namespace QSLM.Harness.Power;

/// <summary>
/// <see cref="IBoardWindows"/> whose samples of one board sensor are corrected by its calibration record (power =
/// gain × reading + offset) before any figure is taken from them. Only a record of the power itself applies: the agent
/// sends a board sensor's power, not the current and voltage a current record corrects.
/// </summary>
/// <param name="inner">The board's windows.</param>
/// <param name="sensor">The sensor's spec, as its samples name it.</param>
/// <param name="record">Its calibration record, of <see cref="CalibrationQuantity.Power"/>.</param>
public sealed class CalibratedBoardWindows(IBoardWindows inner, string sensor, CalibrationRecord record) : IBoardWindows
{
    /// <summary>Whether <paramref name="record"/> can correct a board sensor's power samples.</summary>
    public static bool Applies(CalibrationRecord record) => record.Quantity == CalibrationQuantity.Power;

    /// <inheritdoc />
    public double HostSeconds => inner.HostSeconds;

    /// <inheritdoc />
    public async Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Correct(await inner.IdleAsync(length, sensors, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken) =>
        Correct(await inner.RunAsync(modelPath, length, warmup, sensors, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<ClockExchange> SyncAsync(CancellationToken cancellationToken) => inner.SyncAsync(cancellationToken);

    private BoardWindow Correct(BoardWindow window) => window with
    {
        Samples = [.. window.Samples.Select(s => s.Sensor == sensor && s.Quantity == "power" ? s with { Values = [.. s.Values.Select(record.Apply)] } : s)],
    };
}
