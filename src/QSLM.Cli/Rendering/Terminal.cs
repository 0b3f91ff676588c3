using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace QSLM.Cli.Rendering;

/// <summary>
/// The one place <c>qslm</c> writes to the terminal: results on stdout (plain lines, or tables and
/// progress drawn by Spectre.Console, widened by <see cref="PipedOutput"/> when piped), notes and
/// warnings on stderr through <see cref="Log"/>. Commands write here and nowhere else, so that what
/// goes where (a script reads stdout; stderr is for people) is decided once. Each stream is looked up
/// when written, so a test that redirects <see cref="Console"/> sees what a command wrote.
/// </summary>
internal static class Terminal
{
    /// <summary>Spectre.Console's view of stdout, for tables, markup and live progress.</summary>
    public static IAnsiConsole Ansi => AnsiConsole.Console;

    /// <summary>stdout as text, for a library that writes its output to a <see cref="TextWriter"/>.</summary>
    public static TextWriter Out => Console.Out;

    /// <summary>stderr as text, for notes outside <see cref="Log"/> (a parse error, a progress bar).</summary>
    public static TextWriter Error => Console.Error;

    /// <summary>stdin, for a command that asks the user (a calibration walkthrough).</summary>
    public static TextReader In => Console.In;

    /// <summary>Whether stderr goes to a file or a pipe rather than a person.</summary>
    public static bool ErrorRedirected => Console.IsErrorRedirected;

    /// <summary>Notes (<c>qslm: ...</c>) and warnings (<c>qslm: warning: ...</c>) on stderr.</summary>
    public static ILogger Log { get; } = new TerminalLogger("qslm", () => Console.Error);

    /// <summary>Prepares stdout: tables as wide as their content when it is not a terminal. Spectre.Console
    /// keeps the writer its console was made with, so the console is made again on the stdout of this
    /// run: a run in the same process after stdout was replaced (a test, a host embedding qslm) would
    /// otherwise draw into the previous, closed writer.</summary>
    public static void Configure()
    {
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        PipedOutput.Configure(AnsiConsole.Console, Console.IsOutputRedirected);
    }

    /// <summary>One line of results on stdout, as it is (no markup, no wrapping).</summary>
    public static void WriteLine(string line) => Console.Out.WriteLine(line);

    /// <summary>A table or other drawing on stdout.</summary>
    public static void Write(IRenderable drawing) => AnsiConsole.Console.Write(drawing);

    /// <summary>One line on stdout through Spectre.Console (wrapped to the terminal's width).</summary>
    public static void WriteAnsiLine(string line) => AnsiConsole.Console.WriteLine(line);
}
