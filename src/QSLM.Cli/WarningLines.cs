using Microsoft.Extensions.Logging;
using QSLM.Cli.Rendering;

namespace QSLM.Cli;

/// <summary>The harness's warnings as <c>qslm: warning: ...</c> lines on standard error; nothing below a warning.</summary>
internal sealed class WarningLines : ILogger
{
    public static WarningLines Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Terminal.Error.WriteLine("qslm: warning: " + formatter(state, exception));
    }
}
