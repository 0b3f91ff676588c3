using System.Globalization;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Calibration;

/// <summary>
/// One sensor's calibration (schema in <c>calibration/README.md</c>): corrected = Gain × reading + Offset,
/// from a two-point calibration against a reference instrument. Applied automatically to readings of
/// the sensor with the same id.
/// </summary>
public sealed record CalibrationRecord
{
    /// <summary>The sensor's id, as <see cref="IPowerSensor.Id"/> gives it (<c>ina219-1-0x40</c>).</summary>
    public required string SensorId { get; init; }

    /// <summary>What is corrected.</summary>
    public CalibrationQuantity Quantity { get; init; } = CalibrationQuantity.Current;

    /// <summary>The shunt resistance the sensor was calibrated with, in ohms (null for sensors without one).</summary>
    public double? ShuntOhms { get; init; }

    /// <summary>Multiplier of the reading.</summary>
    public required double Gain { get; init; }

    /// <summary>Added after the gain, in amperes or watts.</summary>
    public required double Offset { get; init; }

    /// <summary>The two points the gain and offset came from.</summary>
    public IReadOnlyList<CalibrationPoint> Points { get; init; } = [];

    /// <summary>The reference instrument (make, model, serial, its own calibration date).</summary>
    public required string ReferenceInstrument { get; init; }

    /// <summary>Date of the calibration.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Free-form notes (temperature, supply, who did it).</summary>
    public string? Notes { get; init; }

    /// <summary>How the record is named on a reading: <c>sensor-id@date</c>.</summary>
    public string Label => SensorId + "@" + Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Applies the correction to one value.</summary>
    public double Apply(double value) => Gain * value + Offset;

    /// <summary>Throws when the record cannot be right.</summary>
    public void Validate(string origin)
    {
        if (string.IsNullOrWhiteSpace(SensorId)) throw new FormatException($"{origin}: sensorId is empty");
        if (!double.IsFinite(Gain) || Gain is <= 0.5 or >= 2.0)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{origin}: gain {Gain} is outside 0.5..2; a sensor that far off needs repair, not calibration"));
        if (!double.IsFinite(Offset)) throw new FormatException($"{origin}: offset is not a number");
        if (ShuntOhms is <= 0) throw new FormatException($"{origin}: shuntOhms must be positive");
        if (string.IsNullOrWhiteSpace(ReferenceInstrument)) throw new FormatException($"{origin}: referenceInstrument is empty");
        if (Points.Count == 2)
        {
            // The recorded points must give the recorded line, so a hand-edited gain cannot drift from its evidence.
            var (gain, offset) = TwoPointCalibration.Fit(Points[0], Points[1]);
            var scale = Points.Max(p => Math.Abs(p.Reference));
            if (Math.Abs(gain - Gain) > 1e-4 * Math.Abs(gain) || Math.Abs(offset - Offset) > 1e-4 * Math.Max(scale, 1e-9))
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{origin}: gain {Gain} and offset {Offset} do not match the points, which give gain {gain:G7} and offset {offset:G7}"));
        }
        else if (Points.Count != 0)
        {
            throw new FormatException($"{origin}: a two-point calibration records 2 points, not {Points.Count}");
        }
    }
}
