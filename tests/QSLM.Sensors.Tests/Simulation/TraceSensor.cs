using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Simulation;

/// <summary>A sensor that reads a power trace at the clock's time, ideal and noiseless: tagged <c>simulated:&lt;model&gt;</c>.</summary>
public sealed class TraceSensor(Func<TimeSpan, double> watts, TimeProvider clock, TimeSpan interval, string model = "power-trace") : IPowerSensor
{
    /// <summary>Reads a piecewise-linear trace.</summary>
    public TraceSensor(PiecewiseLinearTrace trace, TimeProvider clock, TimeSpan interval, string model = "power-trace")
        : this(trace.WattsAt, clock, interval, model)
    {
    }

    /// <inheritdoc />
    public string Id { get; } = "trace-" + model;

    /// <inheritdoc />
    public SourceTag Source { get; } = SourceTag.Simulated(model);

    /// <inheritdoc />
    public TimeSpan MinimumInterval => interval;

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var now = SensorClock.Now(clock);
        return new PowerReading { Timestamp = now, Power = Power.FromWatts(watts(now)), Source = Source };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
