using QSLM.Sensors.Board;
using UnitsNet;

namespace QSLM.Sensors.Calibration;

/// <summary>
/// A sensor whose readings are corrected by its calibration record. A current record corrects the
/// current and recomputes power as V × I; a power record corrects power. Each reading names the record
/// in <see cref="PowerReading.Calibration"/>; the source tag is unchanged.
/// </summary>
public sealed class CalibratedSensor(IPowerSensor inner, CalibrationRecord record) : IPowerSensor
{
    /// <summary>The record applied.</summary>
    public CalibrationRecord Record { get; } = record;

    /// <inheritdoc />
    public string Id => inner.Id;

    /// <inheritdoc />
    public SourceTag Source => inner.Source;

    /// <inheritdoc />
    public TimeSpan MinimumInterval => inner.MinimumInterval;

    /// <inheritdoc />
    public async ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default)
    {
        var reading = await inner.ReadAsync(cancel).ConfigureAwait(false);
        if (!reading.IsValid) return reading;
        if (Record.Quantity == CalibrationQuantity.Power)
            return reading with { Power = Power.FromWatts(Record.Apply((double)reading.Power.Watts)), Calibration = Record.Label };
        if (reading.Current is not { } current || reading.Voltage is not { } voltage)
            return reading with { IsValid = false, Problem = $"calibration {Record.Label} corrects current, but {Id} reports no current and voltage" };
        var amperes = Record.Apply(current.Amperes);
        return reading with
        {
            Current = ElectricCurrent.FromAmperes(amperes),
            Power = Power.FromWatts(voltage.Volts * amperes),
            Calibration = Record.Label,
        };
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
