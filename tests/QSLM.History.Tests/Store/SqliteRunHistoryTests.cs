using Microsoft.Data.Sqlite;
using QSLM.History.Store;

namespace QSLM.History.Tests.Store;

public sealed class SqliteRunHistoryTests : RunHistoryContract, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override IRunHistory Open() => SqliteRunHistory.Open(_folder.File("history.db"));

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_and_left_untouched()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("history.db");
        SqliteRunHistory.Open(path).Dispose();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET version = 99";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<HistorySchemaException>(() => SqliteRunHistory.Open(path));
        Assert.Contains("schema version 99", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
