using Microsoft.Data.Sqlite;

namespace QSLM.History.Store;

/// <summary>
/// The run history in one SQLite file (Microsoft.Data.Sqlite), the default store, in write-ahead-log mode so a reader
/// (<c>qslm history</c>) never blocks a run in progress.
/// </summary>
public sealed class SqliteRunHistory : SqlRunHistory
{
    private SqliteRunHistory(string path, SqliteConnection connection)
        : base(path, connection)
    {
    }

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and its folder) at the current schema when it
    /// does not exist.</summary>
    /// <exception cref="HistorySchemaException">The file is a history of a newer schema, or not a QSLM history; nothing is written to it.</exception>
    public static SqliteRunHistory Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new HistorySchemaException($"history {path} is a folder; name a database file");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            var version = ReadVersion(connection, null, "SELECT name FROM sqlite_master WHERE type = 'table'", $"history {path} is an SQLite file but not a QSLM history");
            if (version > HistorySchema.CurrentVersion)
                throw new HistorySchemaException($"history {path} has schema version {version}, newer than this QSLM's {HistorySchema.CurrentVersion}; use the QSLM that wrote it, or a newer one (nothing was written)");
            Execute(connection, "PRAGMA journal_mode=WAL");
            Execute(connection, "PRAGMA busy_timeout=30000");
            if (version < HistorySchema.CurrentVersion)
            {
                using var transaction = connection.BeginTransaction();
                Migrate(connection, transaction, version);
                transaction.Commit();
            }
            return new SqliteRunHistory(path, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new HistorySchemaException($"history {path} cannot be used as a QSLM history: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
