using QSLM.Sensors.Jetson;
using QSLM.Sensors.Parsing;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// A tegrastats log, one sample per line (see <see cref="TegrastatsParser"/> for what a whole line is). Every
/// line of one log comes from one board and lists the same rails; a line whose rails differ from the first
/// sample's lost or gained one (text cut off or spliced in) and would give another total, so it is skipped.
/// </summary>
internal static class TegrastatsImport
{
    public static void Run(IEnumerable<LogLine> lines, UntimedClock clock, string? totalRail, IImportSink sink)
    {
        long tick = 0;
        SourceTag? tag = null;
        List<string>? columns = null;
        var columnsLine = 0;
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
            var names = sample.Rails.Select(r => r.Name).ToList();
            if (columns is null)
            {
                columns = names;
                columnsLine = line.Number;
            }
            else if (!names.SequenceEqual(columns, StringComparer.Ordinal))
            {
                sink.Skipped(new SkippedLine(line.Number, line.Text, $"its rails ({string.Join(' ', names)}) are not those of the first sample at line {columnsLine} ({string.Join(' ', columns)}): a damaged line"));
                continue;
            }
            var (mw, rule) = sample.Total(totalRail);
            tag ??= SourceTag.Measured("tegrastats-" + (rule.StartsWith("sum", StringComparison.Ordinal) ? "rail-sum" : rule));
            sink.Reading(new PowerReading
            {
                Timestamp = time,
                Power = Power.FromMilliwatts(mw),
                Source = tag.Value,
                Rails = [.. sample.Rails.Select(r => new RailReading(r.Name, Power.FromMilliwatts(r.Milliwatts)))],
            });
        }
    }
}
