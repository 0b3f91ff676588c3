using System.Globalization;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Parsing;
using QSLM.Sensors.Board.RaspberryPi;
using UnitsNet;

namespace QSLM.Sensors.Export;

/// <summary>
/// Repeated <c>vcgencmd pmic_read_adc</c> outputs, one sample per output ("reading"). The firmware prints every
/// current, then every voltage, so a reading starts at a current that follows a voltage, or where a rail's
/// current or voltage repeats; a log that begins in the middle of an output thus still splits where each
/// output begins, never into readings made of two outputs. A reading is used whole or not at all: a damaged line, a current without its
/// voltage, or a set of lines other than the other readings' (a line lost or spliced in) skips the whole
/// reading and counts each of its lines, since its total would miss a rail. The set every reading must have is
/// that of the first two readings that agree, so that a log starting in the middle of an output does not set
/// it. A damaged line between two readings belongs to the later one when the earlier is already complete.
/// Every reading, used or not, is one tick of the interval.
/// </summary>
internal sealed class PmicImport(UntimedClock clock, IImportSink sink)
{
    /// <summary>A Pi 5 prints 26 lines per output; a reading longer than this is damage, and the bound keeps memory bounded.</summary>
    public const int MaxReadingLines = 256;

    private readonly SourceTag _tag = SourceTag.Measured("pi5-pmic");
    private readonly List<(LogLine Line, string Reason)> _pending = [];
    private Reading _current = new();
    private Reading? _held;
    private HashSet<string>? _expected;
    private long _readings;

    public void Run(IEnumerable<LogLine> lines)
    {
        foreach (var line in lines)
        {
            if (!line.IsTooLong && string.IsNullOrWhiteSpace(line.Text)) continue;
            var (parsed, reason) = line.IsTooLong ? (null, $"longer than {LogLines.MaxChars} characters") : PmicAdcParser.ParseLine(line.Text);
            if (parsed is null)
            {
                _pending.Add((line, reason!));
                if (_current.Lines.Count + _pending.Count >= MaxReadingLines) EndReading(tooLong: true);
                continue;
            }
            if (_current.Keys.Contains(parsed.Key) || (parsed.IsCurrent && _current.Parsed.Count > 0 && !_current.Parsed[^1].IsCurrent)) EndReading();
            else TakePending(_current);
            _current.Add(line, parsed);
            if (_current.Lines.Count >= MaxReadingLines) EndReading(tooLong: true);
        }
        EndReading();
        Complete(_current, null);
        if (_held is not null) Emit(_held);
    }

    /// <summary>Closes the current reading and starts the next, placing the damaged lines read since the last good one.</summary>
    private void EndReading(bool tooLong = false)
    {
        var next = new Reading();
        var known = _expected ?? _held?.Keys;
        TakePending(!tooLong && _pending.Count > 0 && known is not null && _current.Keys.IsSupersetOf(known) ? next : _current);
        Complete(_current, tooLong ? string.Create(CultureInfo.InvariantCulture, $"more than {MaxReadingLines} lines, longer than any pmic_read_adc output") : null);
        _current = next;
    }

    private void TakePending(Reading reading)
    {
        foreach (var (line, reason) in _pending) reading.Add(line, null, reason);
        _pending.Clear();
    }

    private void Complete(Reading reading, string? forced)
    {
        if (reading.Lines.Count == 0) return;
        reading.Index = _readings++;
        var paired = PmicReading.Pair(reading.Parsed, reading.Damaged);
        var problem = forced
            ?? (reading.Damaged.Count > 0 ? $"line {reading.Damaged[0].LineNumber} of it is damaged"
            : !paired.IsWhole ? "a rail has a current but no voltage: a line of the output is missing"
            : !paired.Rails.Any(r => r.Watts is not null) ? "no rail has both a current and a voltage"
            : null);
        if (problem is not null)
        {
            Skip(reading, problem);
            return;
        }
        if (_expected is null)
        {
            if (_held is null)
            {
                _held = reading;
            }
            else if (_held.Keys.SetEquals(reading.Keys))
            {
                _expected = reading.Keys;
                Emit(_held);
                _held = null;
                Emit(reading);
            }
            else if (reading.Keys.IsProperSubsetOf(_held.Keys))
            {
                Skip(reading, $"it lacks lines the reading before it has ({Missing(_held.Keys, reading.Keys)})");
            }
            else
            {
                Skip(_held, $"it lacks lines the next reading has ({Missing(reading.Keys, _held.Keys)}): cut by the start of the log or by a lost line");
                _held = reading;
            }
            return;
        }
        if (!reading.Keys.SetEquals(_expected))
        {
            var missing = Missing(_expected, reading.Keys);
            var extra = Missing(reading.Keys, _expected);
            Skip(reading, $"its lines are not those of every other reading (missing: {(missing.Length > 0 ? missing : "none")}; extra: {(extra.Length > 0 ? extra : "none")})");
            return;
        }
        Emit(reading);
    }

    private void Emit(Reading reading)
    {
        var rails = PmicReading.Pair(reading.Parsed, []).Rails.Where(r => r.Watts is not null).ToList();
        sink.Reading(new PowerReading
        {
            Timestamp = clock.At(reading.Index, reading.Lines[0].Line.Number),
            Power = Power.FromWatts(rails.Sum(r => r.Watts!.Value)),
            Source = _tag,
            Rails = [.. rails.Select(r => new RailReading(r.Name, Power.FromWatts(r.Watts!.Value), ElectricCurrent.FromAmperes(r.Amperes!.Value), ElectricPotential.FromVolts(r.Volts!.Value)))],
        });
    }

    private void Skip(Reading reading, string problem)
    {
        var span = string.Create(CultureInfo.InvariantCulture, $"lines {reading.Lines[0].Line.Number}-{reading.Lines[^1].Line.Number}");
        foreach (var (line, reason) in reading.Lines)
            sink.Skipped(new SkippedLine(line.Number, line.Text, reason ?? $"part of the pmic_read_adc output at {span}, skipped whole: {problem}"));
    }

    private static string Missing(HashSet<string> all, HashSet<string> some) => string.Join(' ', all.Where(k => !some.Contains(k)).Order(StringComparer.Ordinal));

    /// <summary>The lines of one <c>pmic_read_adc</c> output as read so far.</summary>
    private sealed class Reading
    {
        public List<(LogLine Line, string? Damage)> Lines { get; } = [];

        public List<PmicLine> Parsed { get; } = [];

        public List<SkippedLine> Damaged { get; } = [];

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public long Index { get; set; }

        public void Add(LogLine line, PmicLine? parsed, string? damage = null)
        {
            Lines.Add((line, damage));
            if (parsed is not null)
            {
                Parsed.Add(parsed);
                Keys.Add(parsed.Key);
            }
            if (damage is not null) Damaged.Add(new SkippedLine(line.Number, line.Text, damage));
        }
    }
}
