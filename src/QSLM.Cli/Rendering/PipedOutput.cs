using Spectre.Console;

namespace QSLM.Cli.Rendering;

/// <summary>Output that is piped or written to a log has no width to fit: Spectre.Console then assumes
/// 80 columns and wraps table cells, splitting tensor names and numbers across lines. There tables
/// are drawn as wide as their content instead, one row per line.</summary>
internal static class PipedOutput
{
    /// <summary>The width assumed when the output is not a terminal: wider than any row QSLM prints.</summary>
    public const int Width = 4096;

    /// <summary>Widens <paramref name="console"/> when its output is not a terminal.</summary>
    public static void Configure(IAnsiConsole console, bool redirected)
    {
        if (redirected) console.Profile.Width = Width;
    }
}
