using System.Globalization;
using QSLM.Sensors.Board;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// The harness's sample CSV: one row per sample, <c>time_s,source,valid,total_w</c> and one
/// <c>&lt;rail&gt;_w</c> column per rail, numbers in the invariant culture, an invalid sample's power
/// left empty (never written as zero). Every row carries its source tag.
/// </summary>
public static class SampleCsv
{
    /// <summary>The columns every sample CSV starts with.</summary>
    public const string Header = "time_s,source,valid,total_w";

    /// <summary>Writes <paramref name="readings"/> with times relative to the first one and a column for every rail any of them has.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<PowerReading> readings)
    {
        var csv = new SampleCsvWriter(writer, [.. readings.SelectMany(r => r.Rails.Select(x => x.Name)).Distinct(StringComparer.Ordinal)]);
        foreach (var r in readings) csv.Write(r);
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
