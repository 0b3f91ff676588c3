using QSLM.Sensors.Board;
using QSLM.Sensors.Board.NvidiaSmi;
using QSLM.Sensors.Board.Parsing;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>An <c>nvidia-smi -lms N</c> stream, one sample per line, timed by the interval; the header line is no sample.</summary>
internal static class NvidiaSmiImport
{
    public static void Run(IEnumerable<LogLine> lines, UntimedClock clock, IImportSink sink)
    {
        var tag = SourceTag.Measured("nvidia-smi-gpu0");
        long tick = 0;
        foreach (var line in lines)
        {
            if (!line.IsTooLong && string.IsNullOrWhiteSpace(line.Text)) continue;
            if (line.IsTooLong)
            {
                tick++;
                sink.Skipped(ImportLines.TooLong(line));
                continue;
            }
            var (sample, reason) = NvidiaSmiParser.Parse(line.Text);
            if (sample is null && reason is null) continue; // header
            var time = clock.At(tick++, line.Number);
            if (sample?.Watts is { } w) sink.Reading(new PowerReading { Timestamp = time, Power = Power.FromWatts(w), Source = tag });
            else sink.Skipped(new SkippedLine(line.Number, line.Text, reason ?? "no power"));
        }
    }
}
