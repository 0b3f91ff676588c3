using Spectre.Console;

namespace QSLM.Cli.Tests.Rendering.Benchmarks;

/// <summary>A console as <c>qslm</c> has it when piped: no colours, tables as wide as their content.</summary>
internal sealed class BenchOutput
{
    private readonly StringWriter _text = new();

    public BenchOutput()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        QSLM.Cli.Rendering.PipedOutput.Configure(Console, redirected: true);
    }

    public IAnsiConsole Console { get; }

    public string[] Lines => _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>The table row whose first cell is <paramref name="first"/>, as its cells.</summary>
    public string[] Row(string first) =>
        Lines.Select(l => l.Split('│', '|').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray()).Single(cells => cells.Length > 0 && cells[0] == first);
}
