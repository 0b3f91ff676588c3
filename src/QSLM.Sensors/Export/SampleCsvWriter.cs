using System.Globalization;
using System.Text;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Export;

/// <summary>
/// Writes the sample CSV (<see cref="SampleCsv"/>) one reading at a time, so that a log of any length is
/// written as it is read. The rail columns are given, or else those of the first reading; times are
/// relative to the first reading. A reading with a rail that has no column is refused, never written
/// without it.
/// </summary>
public sealed class SampleCsvWriter
{
    private readonly TextWriter _writer;
    private readonly StringBuilder _line = new();
    private IReadOnlyList<string>? _rails;
    private TimeSpan? _origin;

    /// <summary>Writes to <paramref name="writer"/>; <paramref name="rails"/> fixes the rail columns (null: the first reading's).</summary>
    public SampleCsvWriter(TextWriter writer, IReadOnlyList<string>? rails = null)
    {
        _writer = writer;
        if (rails is not null) WriteHeader(rails);
    }

    /// <summary>Appends one row.</summary>
    public void Write(PowerReading reading)
    {
        if (_rails is null) WriteHeader([.. reading.Rails.Select(r => r.Name).Distinct(StringComparer.Ordinal)]);
        if (reading.Rails.FirstOrDefault(r => !_rails!.Contains(r.Name, StringComparer.Ordinal)) is { } extra)
            throw new ArgumentException($"rail '{extra.Name}' has no column in this CSV (columns: {string.Join(", ", _rails!)})");
        _origin ??= reading.Timestamp;
        _line.Clear();
        _line.Append(CultureInfo.InvariantCulture, $"{(reading.Timestamp - _origin.Value).TotalSeconds:0.######},{reading.Source},{(reading.IsValid ? "1" : "0")},");
        if (reading.IsValid) _line.Append(CultureInfo.InvariantCulture, $"{(double)reading.Power.Watts:0.######}");
        foreach (var rail in _rails!)
        {
            _line.Append(',');
            if (reading.IsValid && reading.Rails.FirstOrDefault(x => x.Name == rail)?.Power is { } p) _line.Append(CultureInfo.InvariantCulture, $"{(double)p.Watts:0.######}");
        }
        _writer.Write(_line.Append('\n'));
    }

    /// <summary>Writes the header if no row was written, so that an empty import still gives a CSV.</summary>
    public void Finish()
    {
        if (_rails is null) WriteHeader([]);
    }

    private void WriteHeader(IReadOnlyList<string> rails)
    {
        foreach (var rail in rails)
        {
            if (rail.Contains(',', StringComparison.Ordinal) || rail.Contains('"', StringComparison.Ordinal)) throw new ArgumentException($"rail name '{rail}' cannot be a CSV column");
        }
        _rails = rails;
        _writer.Write(SampleCsv.Header);
        foreach (var rail in rails) _writer.Write("," + rail + "_w");
        _writer.Write('\n');
    }
}
