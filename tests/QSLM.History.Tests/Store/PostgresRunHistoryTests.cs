using Microsoft.Data.Sqlite;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.History.Tests.Store;

/// <summary>The run history in PostgreSQL, on the server <c>./run-tests</c> starts on 127.0.0.1, a fresh database per test.</summary>
public sealed class PostgresRunHistoryTests : RunHistoryContract, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly TemporaryFolder _folder = new();

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    protected override IRunHistory Open() => PostgresRunHistory.Open(_database.Url);

    [Fact]
    public void The_tables_and_columns_are_those_of_the_sqlite_store()
    {
        Open().Dispose();
        SqliteRunHistory.Open(_folder.File("history.db")).Dispose();

        var postgres = _database.Query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()")
            .Select(r => $"{r[0]}.{r[1]}").Order(StringComparer.Ordinal).ToList();
        var sqlite = SqliteColumns(_folder.File("history.db"));

        Assert.Equal(sqlite, postgres);
        Assert.Contains("measurements.source", postgres);
    }

    [Fact]
    public async Task Two_processes_recording_runs_at_once_lose_nothing_and_duplicate_nothing()
    {
        // Each writer has its own connection, as two QSLM processes on two farm hosts would.
        const int Runs = 6, Measurements = 25;
        async Task<List<string>> Writer(string board)
        {
            await Task.Yield();
            using var history = Open();
            var ids = new List<string>();
            for (var r = 0; r < Runs; r++)
            {
                using var run = history.Begin(Start(RunKind.Qualify, $"{board}-{r}"));
                ids.Add(run.RunId);
                run.Board(new BoardRecord(board, null, null, null, null, null, null, null));
                for (var m = 0; m < Measurements; m++) run.Measurement(new MeasurementRecord(board, "m", Quantities.Power, m, null, "W", "simulated:test", m));
                run.Finish(RunStatus.Completed, "done");
            }
            return ids;
        }
        // Both open the empty database at once: one creates the schema, the other waits for it.
        var written = await Task.WhenAll(Task.Run(() => Writer("pi")), Task.Run(() => Writer("jetson")));

        using var history = Open();
        var runs = history.List(new RunFilter());
        Assert.Equal(2 * Runs, runs.Count);
        Assert.Equal(written.SelectMany(w => w).Order(StringComparer.Ordinal), runs.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(runs, r => Assert.Equal((RunStatus.Completed, Measurements), (r.Status, r.Measurements)));
        foreach (var run in runs)
        {
            var record = history.Load(run.Id)!;
            Assert.Equal(Enumerable.Range(0, Measurements).Select(i => (double)i), record.Measurements.Select(m => m.Value));
            Assert.Equal(record.Summary.Label.Split('-')[0], Assert.Single(record.Boards).Name);
        }
        Assert.Equal("1", Assert.Single(_database.Query("SELECT COUNT(*) FROM schema_info"))[0]);
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused_and_left_untouched()
    {
        Open().Dispose();
        _database.Query("UPDATE schema_info SET version = 99 RETURNING version");
        var before = _database.Query("SELECT COUNT(*) FROM runs")[0][0];

        var e = Assert.Throws<HistorySchemaException>(Open);

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Equal("99", Assert.Single(_database.Query("SELECT version FROM schema_info"))[0]);
        Assert.Equal(before, _database.Query("SELECT COUNT(*) FROM runs")[0][0]);
    }

    [Fact]
    public void A_database_with_other_tables_and_no_history_is_refused_and_left_untouched()
    {
        _database.Query("CREATE TABLE inventory (id BIGINT) ");

        var e = Assert.Throws<HistorySchemaException>(Open);

        Assert.Contains("not a QSLM history", e.Message, StringComparison.Ordinal);
        Assert.Equal(["inventory"], _database.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").Select(r => r[0]));
    }

    [Theory]
    [InlineData("postgresql://qslm:s3cret@127.0.0.1/qslm", "carries a password")]
    [InlineData("postgresql://127.0.0.1", "is not of the form")]
    [InlineData("postgresql://127.0.0.1/qslm?sslmode=disable", "is not of the form")]
    public void A_store_name_with_a_password_or_no_database_is_refused_without_showing_the_password(string name, string reason)
    {
        var e = Assert.Throws<HistorySchemaException>(() => PostgresRunHistory.Open(name));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_does_not_answer_is_a_clear_error_naming_the_store()
    {
        var e = Assert.Throws<HistorySchemaException>(() => PostgresRunHistory.Open("postgresql://nobody@127.0.0.1:1/qslm"));

        Assert.Contains("history postgresql://nobody@127.0.0.1:1/qslm cannot be used", e.Message, StringComparison.Ordinal);
    }

    private static List<string> SqliteColumns(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var columns = new List<string>();
        foreach (var table in tables)
        {
            using var command = new SqliteCommand($"SELECT name FROM pragma_table_info('{table}')", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add($"{table}.{reader.GetString(0)}");
        }
        return [.. columns.Order(StringComparer.Ordinal)];
    }
}
