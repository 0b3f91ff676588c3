using QSLM.Sensors.Timing;
using UnitsNet;

namespace QSLM.Sensors.Simulation;

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
    public PowerReading Read()
    {
        var now = MonotonicTime.Now(clock);
        return new PowerReading { Timestamp = now, Power = Power.FromWatts(watts(now)), Source = Source };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
