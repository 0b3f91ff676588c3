using System.Globalization;
using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// An INA219 logger's CSV, <c>time_s,bus_v,current_a</c>, timed by its own first column. A row is read whole
/// (three finite numbers, each within the range below, the time later than the last row's) or skipped and
/// counted. A header naming other columns is a file-level problem: every row would be read as the wrong
/// quantities, so the file is refused.
/// </summary>
internal static class Ina219CsvImport
{
    public const string Columns = "time_s,bus_v,current_a";

    /// <summary>Seconds since the logger's start or since 1970 (a Unix time stamp): 1e10 s is the year 2286, far inside <see cref="TimeSpan"/>'s range.</summary>
    public const double MaxSeconds = 1e10;

    /// <summary>The bus voltage register's full scale: 13 bits of 4 mV (TI SBOS448, register 02h), 32.764 V.</summary>
    public const double MaxBusVolts = 8191 * 0.004;

    /// <summary>
    /// The largest current, either direction. The shunt ADC's full scale is ±320 mV; loggers use shunts of
    /// 0.1 Ω (3.2 A) down to a few milliohms, and ±320 mV over 3.2 mΩ is 100 A, far beyond any board measured here.
    /// </summary>
    public const double MaxAmperes = 100;

    public static void Run(IEnumerable<LogLine> lines, string origin, IImportSink sink)
    {
        var tag = SourceTag.Measured("ina219-csv");
        TimeSpan? last = null;
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (!line.IsTooLong && text.Length == 0) continue;
            if (line.IsTooLong)
            {
                sink.Skipped(ImportLines.TooLong(line));
                continue;
            }
            if (line.Number == 1 && IsHeader(text))
            {
                var header = string.Join(',', text.Split(',').Select(f => f.Trim()));
                if (header != Columns) throw new InputException($"{origin}:1: the header '{text}' is not '{Columns}', so its columns cannot be read as time, bus voltage and current");
                continue;
            }
            var (reading, reason) = Row(text, last, tag);
            if (reading is null)
            {
                sink.Skipped(new SkippedLine(line.Number, line.Text, reason!));
                continue;
            }
            last = reading.Timestamp;
            sink.Reading(reading);
        }
    }

    /// <summary>A first line of names only (letters, digits, underscores, spaces): a header, never a damaged row.</summary>
    private static bool IsHeader(string text) =>
        text.Split(',').All(f => f.Trim() is { Length: > 0 } name && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ' '));

    private static (PowerReading? Reading, string? Reason) Row(string text, TimeSpan? last, SourceTag tag)
    {
        var f = text.Split(',');
        if (f.Length != 3 || !InvariantNumber.TryDouble(f[0], out var t) || !InvariantNumber.TryDouble(f[1], out var v) || !InvariantNumber.TryDouble(f[2], out var a))
            return (null, "expected time_s,bus_v,current_a, three finite numbers");
        if (t is < 0 or > MaxSeconds) return (null, string.Create(CultureInfo.InvariantCulture, $"time {t} s is outside 0 to {MaxSeconds} s"));
        if (v is < 0 or > MaxBusVolts) return (null, string.Create(CultureInfo.InvariantCulture, $"bus voltage {v} V is outside the INA219's 0 to {MaxBusVolts} V"));
        if (Math.Abs(a) > MaxAmperes) return (null, string.Create(CultureInfo.InvariantCulture, $"current {a} A is beyond ±{MaxAmperes} A"));
        var time = TimeSpan.FromSeconds(t);
        if (time <= last) return (null, string.Create(CultureInfo.InvariantCulture, $"time {t} s does not increase"));
        return (new PowerReading
        {
            Timestamp = time,
            Power = Power.FromWatts(v * a),
            Current = ElectricCurrent.FromAmperes(a),
            Voltage = ElectricPotential.FromVolts(v),
            Source = tag,
        }, null);
    }
}
