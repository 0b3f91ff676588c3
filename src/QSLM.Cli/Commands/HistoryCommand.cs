using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.RunOptions;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.History.Records;
using QSLM.History.Store;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm history</c>: the runs recorded in the run history, newest first, filtered; <c>show</c> one run,
/// <c>import</c> old run folders.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var kind = new Option<string?>("--kind") { Description = "Only runs of this kind: search, claim, qualify or regress." };
        kind.AcceptOnlyFromAmong([.. Enum.GetValues<RunKind>().Select(SqliteRunHistory.KindText)]);
        var board = new Option<string?>("--board") { Description = "Only runs that recorded this board (its name in the bench file)." };
        var model = new Option<string?>("--model") { Description = "Only runs that recorded this model label (a search's candidates are #1, #2, ...)." };
        var status = new Option<string?>("--status") { Description = "Only runs in this state: running, completed, infrastructure-error, cancelled or interrupted." };
        status.AcceptOnlyFromAmong([.. Enum.GetValues<RunStatus>().Select(SqliteRunHistory.StatusText)]);
        var since = new Option<string?>("--since") { Description = "Only runs started on or after this date (YYYY-MM-DD, UTC) or time (ISO 8601)." };
        var last = new Option<int?>("--last") { Description = "At most this many runs, the newest." }.InRange(1, 1_000_000);
        var json = JsonOption();
        var history = HistoryOptions.History();
        var command = new Command("history", "The run history: every search, claim, qualify and regress run as recorded while it ran, newest first. "
            + "A run whose process died without recording its end reads as interrupted, with what it completed.")
        {
            kind, board, model, status, since, last, json, history,
        };
        command.Subcommands.Add(HistoryShowCommand.Create());
        command.Subcommands.Add(HistoryImportCommand.Create());
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var filter = new RunFilter(
                parse.GetValue(kind) is { } k ? Enum.GetValues<RunKind>().Single(x => SqliteRunHistory.KindText(x) == k) : null,
                parse.GetValue(board), parse.GetValue(model),
                parse.GetValue(status) is { } s ? Enum.GetValues<RunStatus>().Single(x => SqliteRunHistory.StatusText(x) == s) : null,
                parse.GetValue(since) is { } text ? Since(text) : null,
                parse.GetValue(last));
            using var runs = HistoryOptions.Open(parse.GetValue(history));
            var found = runs.List(filter);
            if (parse.GetValue(json))
            {
                Terminal.WriteLine(HistoryJson.Of(found));
                return CommandRunner.Success;
            }
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history {runs.Location}: {found.Count} run{(found.Count == 1 ? "" : "s")}"));
            if (found.Count > 0) Terminal.Write(Table(found));
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }

    /// <summary>A new <c>--json</c> option.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON for programs instead of a table." };

    /// <summary>The time <c>--since</c> names: a date is its midnight UTC.</summary>
    /// <exception cref="InputException">Neither a date nor a time.</exception>
    public static DateTimeOffset Since(string text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time
        : throw new InputException($"--since {text}: not a date (YYYY-MM-DD) or an ISO 8601 time");

    private static Table Table(IReadOnlyList<RunSummary> runs)
    {
        var table = new Table().AddColumns("id", "kind", "status", "outcome", "started (UTC)", "boards", "models", "measurements", "operator");
        foreach (var r in runs)
        {
            table.AddRow(
                Markup.Escape(r.Id), SqliteRunHistory.KindText(r.Kind), SqliteRunHistory.StatusText(r.Status), Markup.Escape(r.Outcome ?? "-"),
                r.Started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(List(r.Boards)), Markup.Escape(List(r.Models)),
                r.Measurements.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Operator ?? "-"));
        }
        return table;
    }

    // A search has many candidates: the first few and a count keep the row readable.
    private static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "-",
        <= 4 => string.Join(", ", names),
        _ => string.Join(", ", names.Take(3)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 3} more"),
    };
}
