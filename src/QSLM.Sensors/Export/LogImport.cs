using System.Globalization;
using QSLM.Sensors.Jetson;
using QSLM.Sensors.NvidiaSmi;
using QSLM.Sensors.Parsing;
using QSLM.Sensors.RaspberryPi;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>Log formats a bench may already have.</summary>
public enum LogFormat
{
    /// <summary>tegrastats output (JetPack 4, 5/6, 7), one line per interval.</summary>
    Tegrastats,

    /// <summary>Repeated <c>vcgencmd pmic_read_adc</c> outputs, one block per interval.</summary>
    Pmic,

    /// <summary><c>nvidia-smi --query-gpu=power.draw,power.draw.instant --format=csv,noheader,nounits -lms N</c>.</summary>
    NvidiaSmi,

    /// <summary>An INA219 logger's CSV: <c>time_s,bus_v,current_a</c> with a header line.</summary>
    Ina219Csv,
}

/// <summary>What an import produced: the readings (all from one source) and every line skipped.</summary>
public sealed record ImportResult(IReadOnlyList<PowerReading> Readings, IReadOnlyList<SkippedLine> Skipped);

/// <summary>
/// Turns an existing log into readings for the sample CSV. Logs without timestamps (tegrastats, PMIC
/// blocks, nvidia-smi) are timed by their sampling interval, which the user states; a skipped line
/// still counts as a tick so that later samples keep their time.
/// </summary>
public static class LogImport
{
    /// <summary>Imports <paramref name="lines"/> of <paramref name="format"/>; <paramref name="interval"/> times untimed logs.</summary>
    public static ImportResult Import(LogFormat format, IReadOnlyList<string> lines, TimeSpan interval, string? totalRail = null) => format switch
    {
        LogFormat.Tegrastats => Tegrastats(lines, interval, totalRail),
        LogFormat.Pmic => Pmic(lines, interval),
        LogFormat.NvidiaSmi => Nvidia(lines, interval),
        _ => Ina219Csv(lines),
    };

    private static ImportResult Tegrastats(IReadOnlyList<string> lines, TimeSpan interval, string? totalRail)
    {
        var readings = new List<PowerReading>();
        var skipped = new List<SkippedLine>();
        var tick = 0;
        SourceTag? tag = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var time = interval * tick++;
            var (sample, reason) = TegrastatsParser.Parse(lines[i]);
            if (sample is null)
            {
                skipped.Add(new SkippedLine(i + 1, lines[i], reason!));
                continue;
            }
            var (mw, rule) = sample.Total(totalRail);
            tag ??= SourceTag.Measured("tegrastats-" + (rule.StartsWith("sum", StringComparison.Ordinal) ? "rail-sum" : rule));
            readings.Add(new PowerReading
            {
                Timestamp = time,
                Power = Power.FromMilliwatts(mw),
                Source = tag.Value,
                Rails = [.. sample.Rails.Select(r => new RailReading(r.Name, Power.FromMilliwatts(r.Milliwatts)))],
            });
        }
        return new ImportResult(readings, skipped);
    }

    private static ImportResult Pmic(IReadOnlyList<string> lines, TimeSpan interval)
    {
        // A new block starts where a rail's current or voltage repeats within the current block.
        var readings = new List<PowerReading>();
        var skipped = new List<SkippedLine>();
        var block = new List<(int Number, string Text)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tag = SourceTag.Measured("pi5-pmic");
        void Flush()
        {
            if (block.Count == 0) return;
            var reading = PmicAdcParser.Parse(block.Select(b => b.Text));
            foreach (var s in reading.Skipped) skipped.Add(s with { LineNumber = block[s.LineNumber - 1].Number });
            if (reading.Rails.Any(r => r.Watts is not null))
            {
                readings.Add(new PowerReading
                {
                    Timestamp = interval * readings.Count,
                    Power = Power.FromWatts(reading.TotalWatts),
                    Source = tag,
                    Rails = [.. reading.Rails.Where(r => r.Watts is not null).Select(r => new RailReading(r.Name, Power.FromWatts(r.Watts!.Value)))],
                });
            }
            block.Clear();
            seen.Clear();
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var key = lines[i].Trim().Split(' ')[0];
            if (key.Length > 0 && !seen.Add(key)) Flush();
            if (key.Length > 0) seen.Add(key);
            block.Add((i + 1, lines[i]));
        }
        Flush();
        return new ImportResult(readings, skipped);
    }

    private static ImportResult Nvidia(IReadOnlyList<string> lines, TimeSpan interval)
    {
        var readings = new List<PowerReading>();
        var skipped = new List<SkippedLine>();
        var tag = SourceTag.Measured("nvidia-smi-gpu0");
        var tick = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var (sample, reason) = NvidiaSmiParser.Parse(lines[i]);
            if (sample is null && reason is null) continue; // header
            var time = interval * tick++;
            if (sample?.Watts is { } w) readings.Add(new PowerReading { Timestamp = time, Power = Power.FromWatts(w), Source = tag });
            else skipped.Add(new SkippedLine(i + 1, lines[i], reason ?? "no power"));
        }
        return new ImportResult(readings, skipped);
    }

    private static ImportResult Ina219Csv(IReadOnlyList<string> lines)
    {
        var readings = new List<PowerReading>();
        var skipped = new List<SkippedLine>();
        var tag = SourceTag.Measured("ina219-csv");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || (i == 0 && line.StartsWith("time_s", StringComparison.Ordinal))) continue;
            var f = line.Split(',');
            if (f.Length != 3 || !InvariantNumber.TryDouble(f[0], out var t) || !InvariantNumber.TryDouble(f[1], out var v) || !InvariantNumber.TryDouble(f[2], out var a))
            {
                skipped.Add(new SkippedLine(i + 1, lines[i], "expected time_s,bus_v,current_a"));
                continue;
            }
            if (readings.Count > 0 && TimeSpan.FromSeconds(t) <= readings[^1].Timestamp)
            {
                skipped.Add(new SkippedLine(i + 1, lines[i], string.Create(CultureInfo.InvariantCulture, $"time {t} s does not increase")));
                continue;
            }
            readings.Add(new PowerReading
            {
                Timestamp = TimeSpan.FromSeconds(t),
                Power = Power.FromWatts(v * a),
                Current = ElectricCurrent.FromAmperes(a),
                Voltage = ElectricPotential.FromVolts(v),
                Source = tag,
            });
        }
        return new ImportResult(readings, skipped);
    }
}
