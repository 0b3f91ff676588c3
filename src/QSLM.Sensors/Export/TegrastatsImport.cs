using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Jetson;
using QSLM.Sensors.Board.Parsing;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// A tegrastats log, one sample per line (see <see cref="TegrastatsParser"/> for what a whole line is). Every
/// line of one log comes from one board and lists the same rails; a line whose rails differ (a rail lost at a
/// cut or spliced in) would give another total, so it is skipped. The rails every line must have are those of
/// the first two samples that agree, so that a damaged first line does not set them.
/// </summary>
internal static class TegrastatsImport
{
    public static void Run(IEnumerable<LogLine> lines, UntimedClock clock, string? totalRail, IImportSink sink)
    {
        long tick = 0;
        List<string>? columns = null;
        var columnsLine = 0;
        (PowerReading Reading, List<string> Rails, LogLine Line)? held = null;
        foreach (var line in lines)
        {
            if (!line.IsTooLong && string.IsNullOrWhiteSpace(line.Text)) continue;
            var time = clock.At(tick++, line.Number);
            if (line.IsTooLong)
            {
                sink.Skipped(ImportLines.TooLong(line));
                continue;
            }
            var (sample, reason) = TegrastatsParser.Parse(line.Text);
            if (sample is null)
            {
                sink.Skipped(new SkippedLine(line.Number, line.Text, reason!));
                continue;
            }
            var rails = sample.Rails.Select(r => r.Name).ToList();
            var reading = Reading(sample, time, totalRail);
            if (columns is not null)
            {
                if (rails.SequenceEqual(columns, StringComparer.Ordinal)) sink.Reading(reading);
                else sink.Skipped(Differs(line, rails, $"those of the other samples (line {columnsLine}: {string.Join(' ', columns)})"));
            }
            else if (held is not { } first)
            {
                held = (reading, rails, line);
            }
            else if (rails.SequenceEqual(first.Rails, StringComparer.Ordinal))
            {
                columns = rails;
                columnsLine = first.Line.Number;
                sink.Reading(first.Reading);
                sink.Reading(reading);
                held = null;
            }
            else if (rails.Count < first.Rails.Count && rails.All(first.Rails.Contains))
            {
                sink.Skipped(Differs(line, rails, $"those of the sample before it (line {first.Line.Number}), which has more"));
            }
            else
            {
                sink.Skipped(Differs(first.Line, first.Rails, $"those of the next sample (line {line.Number})"));
                held = (reading, rails, line);
            }
        }
        if (held is { } only) sink.Reading(only.Reading);
    }

    private static PowerReading Reading(TegrastatsSample sample, TimeSpan time, string? totalRail)
    {
        var (mw, rule) = sample.Total(totalRail);
        return new PowerReading
        {
            Timestamp = time,
            Power = Power.FromMilliwatts(mw),
            Source = SourceTag.Measured("tegrastats-" + (rule.StartsWith("sum", StringComparison.Ordinal) ? "rail-sum" : rule)),
            Rails = [.. sample.Rails.Select(r => new RailReading(r.Name, Power.FromMilliwatts(r.Milliwatts)))],
        };
    }

    private static SkippedLine Differs(LogLine line, List<string> rails, string whose) =>
        new(line.Number, line.Text, $"its rails ({string.Join(' ', rails)}) are not {whose}: a damaged line");
}
