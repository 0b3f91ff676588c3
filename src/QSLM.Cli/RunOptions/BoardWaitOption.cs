using System.CommandLine;
using QSLM.CommandLine;

namespace QSLM.Cli.RunOptions;

/// <summary><c>--board-wait</c>: how long a command waits for a board another QSLM process on this host holds, before
/// it stops with the holder named (exit 3).</summary>
internal static class BoardWaitOption
{
    /// <summary>A new <c>--board-wait</c> option, in seconds.</summary>
    public static Option<double> Create() => new Option<double>("--board-wait")
    {
        Description = "Seconds to wait for a board another QSLM process on this host is using (each board is held by one process at a time). Default 0: stop at once, naming the holder (exit 3).",
        DefaultValueFactory = _ => 0,
    }.InRange(0.0, 86_400.0, "s");

    /// <summary>The wait <paramref name="parse"/> gives for <paramref name="option"/>.</summary>
    public static TimeSpan Value(ParseResult parse, Option<double> option) => TimeSpan.FromSeconds(parse.GetValue(option));
}
