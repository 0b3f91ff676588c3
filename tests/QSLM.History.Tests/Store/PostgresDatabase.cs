using Npgsql;
using QSLM.History.Store;

namespace QSLM.History.Tests.Store;

/// <summary>
/// A fresh database on the PostgreSQL server <c>./run-tests</c> starts (tests/postgres/up: the server named by
/// <c>QSLM_TEST_POSTGRES</c>, the password in <c>PGPASSWORD</c>), dropped when disposed. Without that server the test
/// fails and says how to get one: a store that cannot be reached is never a pass.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;

    /// <summary>Creates the database.</summary>
    public PostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("QSLM_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
            throw new InvalidOperationException("QSLM_TEST_POSTGRES is not set: run ./run-tests, which starts PostgreSQL on 127.0.0.1 (tests/postgres/up prints the variables to export)");
        _server = PostgresRunHistory.Settings(server);
        Name = "qslm_test_" + Guid.NewGuid().ToString("N")[..12];
        Admin($"CREATE DATABASE {Name}");
        var settings = new Uri(server);
        Url = $"{settings.Scheme}://{settings.UserInfo}@{settings.Host}:{settings.Port}/{Name}";
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The store's name as QSLM takes it (<c>postgresql://user@host:port/database</c>).</summary>
    public string Url { get; }

    /// <summary>Runs <paramref name="sql"/> in the test's database and returns its rows, each column as text.</summary>
    public List<string[]> Query(string sql)
    {
        var settings = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = Name };
        using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
        return rows;
    }

    /// <inheritdoc />
    public void Dispose() => Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(_server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
