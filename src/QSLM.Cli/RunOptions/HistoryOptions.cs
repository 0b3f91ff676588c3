using System.CommandLine;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.History.Store;

namespace QSLM.Cli.RunOptions;

/// <summary>Where runs are recorded (<c>--history</c>) and who ran them (<c>--operator</c>): the options of every
/// command that records a run (search, claim, qualify, regress) and of <c>qslm history</c>.</summary>
internal static class HistoryOptions
{
    /// <summary>The environment variable that names the history when <c>--history</c> is not given.</summary>
    public const string Variable = "QSLM_HISTORY";

    /// <summary>A new <c>--history</c> option.</summary>
    public static Option<string?> History() => new Option<string?>("--history")
    {
        Description = $"The run history (an SQLite file) that records this run as it happens. Default: ${Variable} when set, else history.db in the runs folder ($QSLM_RUNS or runs/).",
    }.WritableFile(createsFolder: true);

    /// <summary>A new <c>--operator</c> option.</summary>
    public static Option<string?> Operator() => new("--operator")
    {
        Description = "Who runs this, as the reports and the history name them (a name or an id).",
    };

    /// <summary>The history's path: <paramref name="given"/>, else <c>$QSLM_HISTORY</c>, else <c>history.db</c> in the runs folder.</summary>
    public static string PathOf(string? given) =>
        given ?? (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : System.IO.Path.Combine(RepositoryPaths.Runs, "history.db"));

    /// <summary>Opens the history named by <paramref name="given"/> (or the default).</summary>
    /// <exception cref="HistorySchemaException">A history of a newer schema, or not a history.</exception>
    public static IRunHistory Open(string? given) => SqliteRunHistory.Open(PathOf(given));
}
