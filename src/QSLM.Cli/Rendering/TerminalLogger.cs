using Microsoft.Extensions.Logging;

namespace QSLM.Cli.Rendering;

/// <summary>
/// Log lines for a person on stderr, one line each, prefixed with the program's name: information as
/// <c>qslm: MESSAGE</c>, warnings as <c>qslm: warning: MESSAGE</c>, errors as <c>qslm: error: MESSAGE</c>
/// (the words earlier versions printed, so scripts that grep for them keep working). Debug and trace lines are dropped;
/// an exception attached to a line is not printed (the message says what failed; <c>--verbose</c> and
/// the fault log carry stack traces).
/// </summary>
internal sealed class TerminalLogger(string program, Func<TextWriter> error) : ILogger, ILoggerProvider
{
    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        error().WriteLine(logLevel switch
        {
            LogLevel.Information => $"{program}: {message}",
            LogLevel.Warning => $"{program}: warning: {message}",
            _ => $"{program}: error: {message}",
        });
    }

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => this;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
