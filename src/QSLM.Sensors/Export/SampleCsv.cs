using System.Globalization;
using System.Text;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// The harness's sample CSV: one row per sample, <c>time_s,source,valid,total_w</c> and one
/// <c>&lt;rail&gt;_w</c> column per rail, numbers in the invariant culture, an invalid sample's power
/// left empty (never written as zero). Every row carries its source tag.
/// </summary>
public static class SampleCsv
{
    private const string Header = "time_s,source,valid,total_w";

    /// <summary>Writes <paramref name="readings"/> with times relative to the first one.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<PowerReading> readings)
    {
        var rails = readings.SelectMany(r => r.Rails.Select(x => x.Name)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var rail in rails)
        {
            if (rail.Contains(',', StringComparison.Ordinal) || rail.Contains('"', StringComparison.Ordinal)) throw new ArgumentException($"rail name '{rail}' cannot be a CSV column");
        }
        writer.Write(Header);
        foreach (var rail in rails) writer.Write("," + rail + "_w");
        writer.Write('\n');
        var origin = readings.Count > 0 ? readings[0].Timestamp : TimeSpan.Zero;
        var line = new StringBuilder();
        foreach (var r in readings)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{(r.Timestamp - origin).TotalSeconds:0.######},{r.Source},{(r.IsValid ? "1" : "0")},");
            if (r.IsValid) line.Append(CultureInfo.InvariantCulture, $"{(double)r.Power.Watts:0.######}");
            foreach (var rail in rails)
            {
                line.Append(',');
                if (r.IsValid && r.Rails.FirstOrDefault(x => x.Name == rail)?.Power is { } p) line.Append(CultureInfo.InvariantCulture, $"{(double)p.Watts:0.######}");
            }
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>Reads a sample CSV back (total power only; rails are not needed to compare).</summary>
    public static IReadOnlyList<PowerReading> Read(TextReader reader, string origin)
    {
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith(Header, StringComparison.Ordinal))
            throw new FormatException($"{origin}: not a QSLM sample CSV (the first line must start with '{Header}')");
        var readings = new List<PowerReading>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length < 4 || !double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !SourceTag.TryParse(f[1], out var tag) || f[2] is not ("0" or "1"))
                throw new FormatException($"{origin}:{number}: expected time_s,source,valid,total_w");
            if (f[2] == "0")
            {
                readings.Add(PowerReading.Invalid(TimeSpan.FromSeconds(seconds), tag.Value, "invalid in the source log"));
                continue;
            }
            if (!double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var watts) || !double.IsFinite(watts))
                throw new FormatException($"{origin}:{number}: total_w '{f[3]}' is not a number");
            readings.Add(new PowerReading { Timestamp = TimeSpan.FromSeconds(seconds), Power = Power.FromWatts(watts), Source = tag.Value });
        }
        return readings;
    }
}
