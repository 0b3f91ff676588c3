using QSLM.Errors;
using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.Jetson;

/// <summary>
/// A Jetson's onboard INA3221 rails as one sensor: all rails of all devices each reading, the board total
/// by <see cref="BoardTotal"/> (or a profile's rail), tagged <c>measured:jetson-&lt;total rule&gt;</c>.
/// </summary>
public sealed class JetsonPowerSensor : IPowerSensor
{
    private readonly IReadOnlyList<IRailSource> _sources;
    private readonly TimeProvider _clock;
    private readonly string? _totalRail;

    /// <summary>Reads <paramref name="sources"/>; <paramref name="totalRail"/> overrides the total rule.</summary>
    public JetsonPowerSensor(IReadOnlyList<IRailSource> sources, TimeProvider clock, string? totalRail = null, TimeSpan? interval = null)
    {
        if (sources.Count == 0) throw new InputException("no INA3221 found: neither the ina3221x IIO (JetPack 4) nor the ina3221 hwmon (JetPack 5/6) driver is bound");
        _sources = sources;
        _clock = clock;
        _totalRail = totalRail;
        MinimumInterval = interval ?? DriverInterval(sources) ?? TimeSpan.FromMilliseconds(20);
        var (_, rule) = BoardTotal.Of(ReadRails(), totalRail);
        Id = SensorIds.JetsonId(rule);
        Source = SourceTag.Measured(Id);
    }

    /// <summary>Finds the INA3221 devices under <paramref name="root"/> in either layout.</summary>
    public static JetsonPowerSensor Discover(TimeProvider clock, string root = "/", string? totalRail = null) =>
        new(SensorDiscovery.RailSources(root), clock, totalRail);

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public SourceTag Source { get; }

    /// <inheritdoc />
    public TimeSpan MinimumInterval { get; }

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var rails = ReadRails();
        var now = SensorClock.Now(_clock);
        if (rails.Count == 0) return PowerReading.Invalid(now, Source, "no INA3221 rail could be read");
        var (total, _) = BoardTotal.Of(rails, _totalRail);
        return new PowerReading
        {
            Timestamp = now,
            Power = Power.FromMilliwatts(total),
            Source = Source,
            Rails = [.. rails.Select(r => new RailReading(r.Name, Power.FromMilliwatts(r.Milliwatts),
                r.Milliamperes is { } ma ? ElectricCurrent.FromMilliamperes(ma) : null,
                r.Millivolts is { } mv ? ElectricPotential.FromMillivolts(mv) : null))],
        };
    }

    /// <summary>The slowest hwmon <c>update_interval</c> (ms) among the devices: reading faster only repeats values.</summary>
    private static TimeSpan? DriverInterval(IReadOnlyList<IRailSource> sources)
    {
        var ms = sources.OfType<Ina3221HwmonReader>().Select(s => s.UpdateIntervalMs).Where(v => v is > 0).Max();
        return ms is { } v ? TimeSpan.FromMilliseconds(v) : null;
    }

    private List<RailPower> ReadRails() => [.. _sources.SelectMany(s => s.Read())];

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
