using QSLM.Sensors.Board;

namespace QSLM.Agent.Simulation;

/// <summary>
/// A sensor of a simulated board: the reader that opened it is the real one (the fake tree's INA3221, the PMIC's text,
/// the INA219 driver on the simulated bus), but every reading it gives is tagged <c>simulated:&lt;model&gt;</c>, never
/// <c>measured:</c>. Only the agent's own simulation wraps sensors in this; nothing found under a real root is.
/// </summary>
internal sealed class SimulatedSensor(IPowerSensor inner, string model) : IPowerSensor
{
    /// <inheritdoc />
    public string Id { get; } = "sim-" + inner.Id;

    /// <inheritdoc />
    public SourceTag Source { get; } = SourceTag.Simulated(model);

    /// <inheritdoc />
    public TimeSpan MinimumInterval => inner.MinimumInterval;

    /// <inheritdoc />
    public async ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) =>
        await inner.ReadAsync(cancel).ConfigureAwait(false) with { Source = Source };

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
