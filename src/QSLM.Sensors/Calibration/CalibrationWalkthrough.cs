using System.Globalization;
using QSLM.Errors;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Calibration;

/// <summary>
/// Walks a user through a two-point calibration on a console: for a low and a high load, read the
/// sensor (the mean of several valid readings), ask for the reference instrument's reading, then fit
/// gain and offset (<see cref="TwoPointCalibration"/>). Input and output are plain text streams, so it
/// runs from a terminal or from redirected input.
/// </summary>
public static class CalibrationWalkthrough
{
    /// <summary>Runs the walkthrough and returns the record (not yet saved), blocking while the sensor is read: for a
    /// sensor on a clock whose timers fire by themselves (the system clock).</summary>
    public static CalibrationRecord Run(IPowerSensor sensor, CalibrationQuantity quantity, string referenceInstrument, TextReader input, TextWriter output,
        int samples = 50, Action<int>? beforePoint = null, DateOnly? date = null, double? shuntOhms = null) =>
        RunAsync(sensor, quantity, referenceInstrument, input, output, samples, beforePoint, date, shuntOhms).GetAwaiter().GetResult();

    /// <summary>Runs the walkthrough and returns the record (not yet saved).</summary>
    /// <param name="sensor">The sensor to calibrate (its id names the record).</param>
    /// <param name="quantity">Current (A) for shunt monitors, power (W) for power-only sources.</param>
    /// <param name="referenceInstrument">The reference's make, model and serial.</param>
    /// <param name="input">Where the user's answers come from.</param>
    /// <param name="output">Where the prompts go.</param>
    /// <param name="samples">Readings averaged per point.</param>
    /// <param name="beforePoint">Called with 0 (low) or 1 (high) before each point is read (a simulated board sets its load there).</param>
    /// <param name="date">The record's date (today when null).</param>
    /// <param name="shuntOhms">The shunt fitted, recorded for shunt monitors.</param>
    /// <param name="cancel">Stops the readings.</param>
    public static async Task<CalibrationRecord> RunAsync(IPowerSensor sensor, CalibrationQuantity quantity, string referenceInstrument, TextReader input, TextWriter output,
        int samples = 50, Action<int>? beforePoint = null, DateOnly? date = null, double? shuntOhms = null, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(referenceInstrument)) throw new InputException("name the reference instrument (make, model, serial)");
        var unit = quantity == CalibrationQuantity.Current ? "A" : "W";
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"Two-point calibration of {sensor.Id} ({sensor.Source}) against {referenceInstrument}; {(quantity == CalibrationQuantity.Current ? "current" : "power")} in {unit}.");
        var points = new CalibrationPoint[2];
        for (var i = 0; i < 2; i++)
        {
            output.WriteLine($"Point {i + 1} of 2: apply a {(i == 0 ? "low load (about 10% of the range)" : "high load (about 90% of the range)")}, let it settle, then press Enter.");
            beforePoint?.Invoke(i);
            if (input.ReadLine() is null) throw new InvalidOperationException("the input ended before the calibration finished");
            var measured = await MeanAsync(sensor, quantity, samples, cancel).ConfigureAwait(false);
            output.WriteLine(string.Create(inv, $"The sensor reads {measured:F6} {unit} (mean of {samples} readings). Enter the reference instrument's reading in {unit}:"));
            points[i] = new CalibrationPoint(measured, AskNumber(input, output, unit));
        }
        var (gain, offset) = TwoPointCalibration.Fit(points[0], points[1]);
        var record = new CalibrationRecord
        {
            SensorId = sensor.Id,
            Quantity = quantity,
            ShuntOhms = shuntOhms,
            Gain = gain,
            Offset = offset,
            Points = points,
            ReferenceInstrument = referenceInstrument,
            Date = date ?? DateOnly.FromDateTime(DateTime.UtcNow),
        };
        record.Validate(sensor.Id);
        output.WriteLine(string.Create(inv, $"Gain {gain:F6}, offset {offset:+0.000000;-0.000000} {unit}."));
        return record;
    }

    private static async Task<double> MeanAsync(IPowerSensor sensor, CalibrationQuantity quantity, int samples, CancellationToken cancel)
    {
        var values = new List<double>(samples);
        var attempts = 0;
        while (values.Count < samples)
        {
            if (++attempts > samples * 4) throw new InvalidOperationException($"{sensor.Id} gave too few valid readings ({values.Count} of {attempts - 1})");
            var r = await sensor.ReadAsync(cancel).ConfigureAwait(false);
            if (!r.IsValid) continue;
            if (quantity == CalibrationQuantity.Power) values.Add((double)r.Power.Watts);
            else values.Add(r.Current?.Amperes ?? throw new InvalidOperationException($"{sensor.Id} reports no current; calibrate its power instead"));
        }
        return values.Average();
    }

    private static double AskNumber(TextReader input, TextWriter output, string unit)
    {
        while (true)
        {
            var line = input.ReadLine() ?? throw new InvalidOperationException("the input ended before the calibration finished");
            var text = line.Trim();
            if (text.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) text = text[..^unit.Length].TrimEnd();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            output.WriteLine($"'{line}' is not a number; enter the reading in {unit} with a decimal point:");
        }
    }
}
