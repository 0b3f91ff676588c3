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
    public static Option<string?> History()
    {
        var option = new Option<string?>("--history")
        {
            Description = "The run history that records this run as it happens: an SQLite file, or a PostgreSQL database several hosts share " +
                $"(postgresql://user@host:port/database; the password from PGPASSWORD or ~/.pgpass, never in the name). Default: ${Variable} when set, else history.db in the runs folder ($QSLM_RUNS or runs/).",
        };
        // A file is checked as the command line is read; a PostgreSQL store when it is opened, before any work.
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || PostgresRunHistory.Names(result.Tokens[^1].Value)) return;
            if (PathChecks.FileProblem(result.Tokens[^1].Value, createsFolder: true) is { } why) result.AddError($"{result.Option.Name}: {why}");
        });
        return option;
    }

    /// <summary>A new <c>--operator</c> option.</summary>
    public static Option<string?> Operator() => new("--operator")
    {
        Description = "Who runs this, as the reports and the history name them (a name or an id).",
    };

    /// <summary>The history's path or PostgreSQL name: <paramref name="given"/>, else <c>$QSLM_HISTORY</c>, else <c>history.db</c> in the runs folder.</summary>
    public static string PathOf(string? given) =>
        given ?? (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : System.IO.Path.Combine(RepositoryPaths.Runs, "history.db"));

    /// <summary>Opens the history named by <paramref name="given"/> (or the default).</summary>
    /// <exception cref="HistorySchemaException">A history of a newer schema, or not a history.</exception>
    public static IRunHistory Open(string? given) => PathOf(given) is var where && PostgresRunHistory.Names(where)
        ? PostgresRunHistory.Open(where)
        : SqliteRunHistory.Open(where);
}
