using System.Globalization;
using QSLM.Cli.Rendering;

namespace QSLM.Cli.Progress;

/// <summary>
/// Progress of a long step with a known total (or an upper bound of it): on a terminal one line
/// rewritten in place with the fraction done and the time left; in a log (output piped or redirected)
/// a plain line each time another tenth is done or <see cref="LogInterval"/> has passed, so a log
/// shows that the work moves and how far it got without a line per item.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly TimeProvider _clock;
    private readonly string _what;
    private readonly string _unit;
    private readonly DateTimeOffset _start;
    private DateTimeOffset _lastLine;
    private int _lastTenth = -1;
    private bool _written;

    /// <param name="output">Where the lines go (stderr: stdout carries the results).</param>
    /// <param name="terminal">Whether <paramref name="output"/> is a terminal.</param>
    /// <param name="clock">The clock that times the work.</param>
    /// <param name="what">What is done, e.g. "perplexity".</param>
    /// <param name="unit">What is counted, e.g. "tokens".</param>
    public ProgressReporter(TextWriter output, bool terminal, TimeProvider clock, string what, string unit)
    {
        (_output, _terminal, _clock, _what, _unit) = (output, terminal, clock, what, unit);
        _start = _lastLine = clock.GetUtcNow();
    }

    /// <summary>How often a log gets a line even when no further tenth is done.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A reporter on stderr, in terminal mode when stderr is a terminal.</summary>
    public static ProgressReporter OnStandardError(string what, string unit) =>
        new(Terminal.Error, !Terminal.ErrorRedirected, TimeProvider.System, what, unit);

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/>.</summary>
    public void Report(long done, long total)
    {
        var now = _clock.GetUtcNow();
        var tenth = total > 0 ? (int)Math.Min(10, done * 10 / total) : 0;
        var line = $"{_what}: {Describe(done, total, upperBound: false, now - _start, _unit)}";
        if (_terminal)
        {
            // Padded so that a shorter line covers the longer one it replaces.
            _output.Write("\r" + line.PadRight(79));
            _written = true;
            if (done >= total) Finish();
            return;
        }
        if (tenth > _lastTenth || now - _lastLine >= LogInterval)
        {
            _output.WriteLine("qslm: " + line);
            (_lastTenth, _lastLine) = (tenth, now);
        }
    }

    /// <summary>Ends the terminal line, so that what follows starts on its own line.</summary>
    public void Finish()
    {
        if (!_terminal || !_written) return;
        _output.WriteLine();
        _written = false;
    }

    /// <summary>"40% (400/1,000 tokens), 1m20s so far, about 2m left": the fraction, the counts and the
    /// time left at the rate so far; with <paramref name="upperBound"/>, the total is at most that many
    /// and the time left at most that long.</summary>
    public static string Describe(long done, long total, bool upperBound, TimeSpan elapsed, string unit)
    {
        var inv = CultureInfo.InvariantCulture;
        var fraction = total > 0 ? Math.Min(1, (double)done / total) : 0;
        var of = upperBound ? " of at most " : "/";
        var counts = string.Create(inv, $"{done:N0}{of}{total:N0} {unit}");
        // Under a second of work says nothing about the rate.
        if (done <= 0 || done >= total || elapsed < TimeSpan.FromSeconds(1)) return string.Create(inv, $"{Math.Floor(fraction * 100):F0}% ({counts}), {Duration(elapsed)} so far");
        var left = TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (total - done));
        return string.Create(inv, $"{Math.Floor(fraction * 100):F0}% ({counts}), {Duration(elapsed)} so far, {(upperBound ? "at most" : "about")} {Duration(left)} left");
    }

    /// <summary>"45s", "3m05s", "2h10m".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)}s");
}
