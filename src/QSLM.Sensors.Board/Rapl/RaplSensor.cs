using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.Rapl;

/// <summary>
/// Average power of a RAPL zone between consecutive reads: the counter's increase (wrap-around handled
/// by <see cref="RaplZone.Delta"/>) over the time between them. The interval must stay shorter than
/// one wrap period (tens of seconds at full load), which the sampler's interval guarantees.
/// </summary>
public sealed class RaplSensor : IPowerSensor
{
    private readonly RaplZone _zone;
    private readonly TimeProvider _clock;
    private readonly long _maxRange;
    private long _lastEnergy;
    private TimeSpan _lastTime;

    /// <summary>Reads <paramref name="zone"/>; the first reading's interval starts now.</summary>
    public RaplSensor(RaplZone zone, TimeProvider clock, TimeSpan? interval = null)
    {
        _zone = zone;
        _clock = clock;
        _maxRange = zone.MaxEnergyRangeMicrojoules;
        _lastEnergy = zone.EnergyMicrojoules;
        _lastTime = SensorClock.Now(clock);
        Id = SensorIds.RaplId(zone.Name);
        Source = SourceTag.Measured(Id);
        MinimumInterval = interval ?? TimeSpan.FromMilliseconds(10);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <inheritdoc />
    public TimeSpan MinimumInterval { get; }

    /// <summary>Total energy counted since construction, across wraps, in joules.</summary>
    public double Joules { get; private set; }

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var energy = _zone.EnergyMicrojoules;
        var now = SensorClock.Now(_clock);
        var delta = RaplZone.Delta(_lastEnergy, energy, _maxRange);
        var seconds = (now - _lastTime).TotalSeconds;
        _lastEnergy = energy;
        _lastTime = now;
        Joules += delta / 1e6;
        if (seconds <= 0) return PowerReading.Invalid(now, Source, "no time passed since the previous RAPL reading");
        return new PowerReading { Timestamp = now, Power = Power.FromWatts(delta / 1e6 / seconds), Source = Source };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
