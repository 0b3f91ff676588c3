using QSLM.Sensors.Board.Discovery;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Sensors.Board.Hwmon;

/// <summary>One labelled hwmon channel as a power sensor, tagged <c>measured:hwmon-&lt;name&gt;-&lt;label&gt;</c>.</summary>
public sealed class HwmonPowerSensor(HwmonReader reader, string label, TimeProvider clock, TimeSpan? interval = null) : IPowerSensor
{
    /// <inheritdoc />
    public string Id { get; } = SensorIds.HwmonId(reader.Name ?? "unnamed", label);

    /// <inheritdoc />
    public SourceTag Source => SourceTag.Measured(Id);

    /// <inheritdoc />
    public TimeSpan MinimumInterval { get; } = interval ?? (reader.UpdateIntervalMs is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromMilliseconds(100));

    /// <inheritdoc />
    public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => ValueTask.FromResult(Read());

    private PowerReading Read()
    {
        var channel = reader.Read(label);
        var now = SensorClock.Now(clock);
        if (channel?.Watts is not { } watts) return PowerReading.Invalid(now, Source, $"hwmon channel '{label}' has no power, or voltage and current, in {reader.Directory}");
        return new PowerReading
        {
            Timestamp = now,
            Power = Power.FromWatts(watts),
            Current = channel.Milliamperes is { } ma ? ElectricCurrent.FromMilliamperes(ma) : null,
            Voltage = channel.Millivolts is { } mv ? ElectricPotential.FromMillivolts(mv) : null,
            Source = Source,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
