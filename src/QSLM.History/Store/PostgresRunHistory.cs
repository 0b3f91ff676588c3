using Npgsql;

namespace QSLM.History.Store;

/// <summary>
/// The run history in a PostgreSQL database (Npgsql), for a farm whose hosts record into one store: the same schema
/// scripts as SQLite, created the first time under an advisory lock so two hosts starting at once do not both create
/// it. Each record commits on its own, so two processes recording runs at once interleave without losing either's.
/// Where a store is named by <c>postgresql://user@host:port/database</c>, the password comes from <c>PGPASSWORD</c> or
/// the password file (<c>~/.pgpass</c>), never from the name, so it never reaches a log, a report or the command line.
/// </summary>
public sealed class PostgresRunHistory : SqlRunHistory
{
    // Any fixed number: the lock that serialises creating the schema among every QSLM writing to the database.
    private const long SchemaLock = 0x51534c4d;

    private PostgresRunHistory(string location, NpgsqlConnection connection)
        : base(location, connection)
    {
    }

    /// <summary>Whether <paramref name="name"/> names a PostgreSQL store (<c>postgresql://</c> or <c>postgres://</c>).</summary>
    public static bool Names(string name) =>
        name.StartsWith("postgresql://", StringComparison.Ordinal) || name.StartsWith("postgres://", StringComparison.Ordinal);

    /// <summary>The connection settings of <c>postgresql://[user@]host[:port]/database</c>.</summary>
    /// <exception cref="HistorySchemaException">The name is not of that form, or carries a password.</exception>
    public static NpgsqlConnectionStringBuilder Settings(string name)
    {
        if (!Names(name) || !Uri.TryCreate(name, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length == 0 || uri.Query.Length > 0)
            throw new HistorySchemaException($"history '{Redacted(name)}' is not of the form postgresql://user@host:port/database");
        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.Contains(':', StringComparison.Ordinal))
            throw new HistorySchemaException($"history '{Redacted(name)}' carries a password: give it in PGPASSWORD or ~/.pgpass, never in the name (a name is printed and recorded)");
        var settings = new NpgsqlConnectionStringBuilder { Host = uri.Host, Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')), Pooling = false, Timeout = 15, CommandTimeout = 60 };
        if (!uri.IsDefaultPort) settings.Port = uri.Port;
        if (user.Length > 0) settings.Username = user;
        return settings;
    }

    /// <summary>Opens the store <paramref name="name"/> (<c>postgresql://user@host:port/database</c>), creating the
    /// schema in the database when it has none.</summary>
    /// <exception cref="HistorySchemaException">The name is wrong, the server cannot be reached, the database holds a
    /// newer schema or other tables but no history; nothing is written then.</exception>
    public static PostgresRunHistory Open(string name)
    {
        var settings = Settings(name);
        var location = Redacted(name);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            using (var transaction = connection.BeginTransaction())
            {
                Execute(connection, FormattableString.Invariant($"SELECT pg_advisory_xact_lock({SchemaLock})"), transaction);
                var version = ReadVersion(connection, transaction, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
                    $"history {location} is a PostgreSQL database with tables but not a QSLM history");
                if (version > HistorySchema.CurrentVersion)
                    throw new HistorySchemaException($"history {location} has schema version {version}, newer than this QSLM's {HistorySchema.CurrentVersion}; use the QSLM that wrote it, or a newer one (nothing was written)");
                if (version < HistorySchema.CurrentVersion) Migrate(connection, transaction, version);
                transaction.Commit();
            }
            return new PostgresRunHistory(location, connection);
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new HistorySchemaException($"history {location} cannot be used as a QSLM history: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // The name as messages show it: whatever sits before an '@' is the user, and a password there is cut out.
    private static string Redacted(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var scheme = name.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return name;
        var user = name[(scheme + 3)..at];
        var colon = user.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..(scheme + 3)] + user[..colon] + ":***" + name[at..];
    }
}
