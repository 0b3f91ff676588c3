using Microsoft.Extensions.Logging;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>A logger that keeps every line a session logs, at every level, with its level.</summary>
internal sealed class RecordingLog : ILogger
{
    private readonly List<(LogLevel Level, string Line)> _entries = [];

    /// <summary>The lines, as a person reading the log would see them.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_entries) return _entries.Select(e => e.Line).ToList();
        }
    }

    /// <summary>The lines logged at <paramref name="level"/>.</summary>
    public IReadOnlyList<string> At(LogLevel level)
    {
        lock (_entries) return _entries.Where(e => e.Level == level).Select(e => e.Line).ToList();
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception)));
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
}
