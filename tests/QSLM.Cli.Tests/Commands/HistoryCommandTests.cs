using System.Text.Json;
using Microsoft.Data.Sqlite;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm history</c>: listing with filters, one run shown, imports of search folders, and a history it must not touch.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-history-cli-");

    public void Dispose() => _temp.Dispose();

    private string History => _temp.File("history.db");

    private string Record(RunKind kind, string board, string model, RunStatus? end)
    {
        using var history = SqliteRunHistory.Open(History);
        using var run = history.Begin(new RunStart(kind, $"{model} on {board}", null, "qslm", "ana", new Dictionary<string, string>()));
        run.Board(new BoardRecord(board, null, null, null, null, null, null, null));
        run.Measurement(new MeasurementRecord(board, model, Quantities.LatencyP50, 2, null, "ms"));
        if (end is { } status) run.Finish(status, "done");
        return run.RunId;
    }

    private string[] Ids(params string[] args)
    {
        var result = InProcess.Run([.. new[] { "history", "--history", History, "--json" }, .. args]);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return [.. JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
    }

    [Fact]
    public void The_list_filters_by_kind_board_model_status_date_and_count_newest_first()
    {
        var claim = Record(RunKind.Claim, "jetson", "a.qslm", RunStatus.Completed);
        var qualify = Record(RunKind.Qualify, "pi", "b.qslm", RunStatus.Completed);
        var broken = Record(RunKind.Qualify, "pi", "c.qslm", null);

        Assert.Equal([broken, qualify, claim], Ids());
        Assert.Equal([claim], Ids("--kind", "claim"));
        Assert.Equal([broken, qualify], Ids("--board", "pi"));
        Assert.Equal([qualify], Ids("--model", "b.qslm"));
        Assert.Equal([broken], Ids("--status", "interrupted"));
        Assert.Equal([broken], Ids("--last", "1"));
        Assert.Empty(Ids("--since", "2999-01-01"));
        Assert.Equal(3, Ids("--since", "2000-01-01").Length);

        // The table as a user sees it, from the program itself (its console is set up once per process).
        var table = QslmProcess.Run("history", "--history", History, "--kind", "qualify");
        Assert.True(table.ExitCode == 0, table.StdErr);
        Assert.Contains(qualify, table.StdOut);
        Assert.Contains("interrupted", table.StdOut);
        Assert.DoesNotContain(claim, table.StdOut);
    }

    [Fact]
    public void Show_prints_one_run_and_an_unknown_run_is_bad_input()
    {
        var id = Record(RunKind.Qualify, "pi", "b.qslm", RunStatus.Completed);

        var shown = InProcess.Run("history", "show", id, "--history", History);
        var unknown = InProcess.Run("history", "show", "qualify-nope", "--history", History);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains($"run {id}: qualify, completed - done", shown.StdOut);
        Assert.Contains("pi b.qslm latency_p50: 2 ms", shown.StdOut);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no run qualify-nope", unknown.StdErr);
    }

    [Fact]
    public void A_history_of_a_newer_schema_is_refused_with_exit_2_and_left_unchanged()
    {
        Record(RunKind.Claim, "jetson", "a.qslm", RunStatus.Completed);
        using (var connection = new SqliteConnection($"Data Source={History};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET version = 7";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(History);

        var list = InProcess.Run("history", "--history", History);
        var regress = InProcess.Run("regress", "--against", "claim-x", "--history", History, "--out", _temp.File("regress"));
        var import = InProcess.Run("history", "import", _temp.Path, "--history", History);

        Assert.All([list, regress, import], r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("schema version 7", list.StdErr);
        Assert.Equal(before, File.ReadAllBytes(History));
    }

    [Fact]
    public void Importing_a_search_folder_twice_records_one_run_with_every_candidate_and_a_folder_that_is_no_run_writes_nothing()
    {
        var folder = _temp.File("search");
        var search = QslmProcess.Run("search", "--sst2-sentences", "4", "--sensitivity-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1",
            "--board", "none", "--out", folder, "--cache", _temp.File("cache"), "--history", _temp.File("other.db"));
        Assert.True(search.ExitCode == 0, search.StdErr);
        var rows = File.ReadAllLines(Path.Combine(folder, "search.csv")).Length - 1;

        var notARun = InProcess.Run("history", "import", _temp.File("cache"), "--history", History);
        Assert.Equal(2, notARun.ExitCode);
        Assert.Contains("is not a search run folder", notARun.StdErr);
        using (var history = SqliteRunHistory.Open(History)) Assert.Empty(history.List(new RunFilter()));

        var first = InProcess.Run("history", "import", folder, "--history", History);
        var second = InProcess.Run("history", "import", folder, "--history", History);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("already in the history", second.StdOut);
        using var reopened = SqliteRunHistory.Open(History);
        var run = reopened.Load(Assert.Single(reopened.List(new RunFilter())).Id)!;
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(rows, run.Candidates.Count);
        Assert.Equal(rows, run.Measurements.Count(m => m.Quantity == Quantities.HostMetric));
    }

    [Fact]
    public async Task Two_searches_recording_into_one_postgresql_history_at_once_keep_every_candidate_of_each()
    {
        using var database = new QSLM.History.Tests.Store.PostgresDatabase();
        ChildProcess.Result Search(string name) => QslmProcess.Run("search", "--sst2-sentences", "4", "--sensitivity-sentences", "4", "--menu", name == "a" ? "int8,sign1" : "int8,int4",
            "--lm-tokens", "32", "--alpha", "1", "--board", "none", "--out", _temp.File(name), "--cache", _temp.File("cache-" + name), "--history", database.Url);

        var searches = await Task.WhenAll(Task.Run(() => Search("a")), Task.Run(() => Search("b")));

        Assert.All(searches, s => Assert.True(s.ExitCode == 0, s.StdOut + s.StdErr));
        var listed = InProcess.Run("history", "--history", database.Url, "--json");
        Assert.True(listed.ExitCode == 0, listed.StdErr);
        var runs = JsonDocument.Parse(listed.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        using var history = PostgresRunHistory.Open(database.Url);
        foreach (var name in new[] { "a", "b" })
        {
            // Every candidate the search wrote to its CSV is in the history once, in the same order.
            var csv = File.ReadAllLines(Path.Combine(_temp.File(name), "search.csv")).Length - 1;
            var run = history.Load(Assert.Single(runs, r => r.GetProperty("folder").GetString() == _temp.File(name)).GetProperty("id").GetString()!)!;
            Assert.Equal(csv, run.Candidates.Count);
            Assert.Equal(csv, run.Measurements.Count(m => m.Quantity == Quantities.HostMetric));
        }
    }
}
