using System.Globalization;
using System.Data.Common;
using QSLM.History.Records;

namespace QSLM.History.Store;

/// <summary>
/// The run history over ADO.NET: every query and record of the schema (<see cref="HistorySchema"/>), in SQL both
/// engines run, for <see cref="SqliteRunHistory"/> (one file, the default) and <see cref="PostgresRunHistory"/> (a
/// server several farm hosts share). Every record is its own committed statement, so a process killed with SIGKILL
/// loses nothing it recorded. One connection per store, guarded by a lock, so the parallel boards of one run can
/// record through it.
/// </summary>
public abstract class SqlRunHistory : IRunHistory
{
    private readonly DbConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>A store over <paramref name="connection"/>, open and at the current schema, described by <paramref name="location"/>.</summary>
    protected SqlRunHistory(string location, DbConnection connection)
    {
        Location = location;
        _connection = connection;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>Brings the store on <paramref name="connection"/> from <paramref name="from"/> to the current schema in
    /// <paramref name="transaction"/>.</summary>
    protected static void Migrate(DbConnection connection, DbTransaction transaction, int from)
    {
        for (var version = from + 1; version <= HistorySchema.CurrentVersion; version++)
        {
            foreach (var statement in HistorySchema.Statements(version)) Execute(connection, statement, transaction);
            Execute(connection, "DELETE FROM schema_info", transaction);
            Execute(connection, FormattableString.Invariant($"INSERT INTO schema_info (version) VALUES ({version})"), transaction);
        }
    }

    /// <summary>The schema version of the store on <paramref name="connection"/>: 0 when <paramref name="tablesSql"/> (which
    /// lists its tables) finds none.</summary>
    /// <exception cref="HistorySchemaException">It has tables but no <c>schema_info</c>: not a QSLM history (nothing is written).</exception>
    protected static int ReadVersion(DbConnection connection, DbTransaction? transaction, string tablesSql, string notAHistory)
    {
        var names = new List<string>();
        using (var tables = connection.CreateCommand())
        {
            tables.Transaction = transaction;
            tables.CommandText = tablesSql;
            using var reader = tables.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        if (names.Count == 0) return 0;
        if (!names.Contains("schema_info")) throw new HistorySchemaException(notAHistory + " (it has no schema_info table; nothing was written)");
        return SchemaVersion(connection, transaction);
    }

    private static int SchemaVersion(DbConnection connection, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_info";
        return command.ExecuteScalar() is var v && v is not null and not DBNull ? checked((int)Convert.ToInt64(v, CultureInfo.InvariantCulture)) : 0;
    }

    /// <summary>Runs one statement.</summary>
    protected static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IRunRecorder Begin(RunStart start)
    {
        var owner = RunOwner.Current;
        var started = DateTimeOffset.UtcNow;
        var id = string.Create(CultureInfo.InvariantCulture, $"{start.Kind.ToString().ToLowerInvariant()}-{started:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x1000000):x6}");
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Write(transaction, "INSERT INTO runs (id, kind, label, status, started, folder, operator, command_line, host, pid, process_started) VALUES (@id, @kind, @label, @status, @started, @folder, @operator, @command, @host, @pid, @process)",
                ("@id", id), ("@kind", KindText(start.Kind)), ("@label", start.Label), ("@status", StatusText(RunStatus.Running)), ("@started", Time(started)),
                ("@folder", start.Folder), ("@operator", start.Operator), ("@command", start.CommandLine), ("@host", owner.Host), ("@pid", owner.Pid), ("@process", owner.ProcessStarted));
            foreach (var (key, value) in start.Provenance) Write(transaction, "INSERT INTO provenance (run_id, key, value) VALUES (@run, @key, @value)", ("@run", id), ("@key", key), ("@value", value));
            transaction.Commit();
        }
        return new Recorder(this, id);
    }

    /// <inheritdoc />
    public IReadOnlyList<RunSummary> List(RunFilter filter)
    {
        lock (_gate)
        {
            MarkInterrupted();
            var where = new List<string>();
            var parameters = new List<(string, object?)>();
            if (filter.Kind is { } kind) { where.Add("r.kind = @kind"); parameters.Add(("@kind", KindText(kind))); }
            if (filter.Status is { } status) { where.Add("r.status = @status"); parameters.Add(("@status", StatusText(status))); }
            if (filter.Since is { } since) { where.Add("r.started >= @since"); parameters.Add(("@since", Time(since))); }
            if (filter.Board is { } board) { where.Add("EXISTS (SELECT 1 FROM boards b WHERE b.run_id = r.id AND b.name = @board)"); parameters.Add(("@board", board)); }
            if (filter.Model is { } model)
            {
                where.Add("(EXISTS (SELECT 1 FROM measurements m WHERE m.run_id = r.id AND m.model = @model) OR EXISTS (SELECT 1 FROM verdicts v WHERE v.run_id = r.id AND v.model = @model) OR EXISTS (SELECT 1 FROM candidates c WHERE c.run_id = r.id AND c.model = @model))");
                parameters.Add(("@model", model));
            }
            var sql = "SELECT r.id FROM runs r" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY r.started DESC, r.id DESC";
            if (filter.Last is { } last) sql += FormattableString.Invariant($" LIMIT {Math.Max(0, last)}");
            var ids = Query(sql, r => r.GetString(0), [.. parameters]);
            return [.. ids.Select(Summary)];
        }
    }

    /// <inheritdoc />
    public RunRecord? Load(string runId)
    {
        lock (_gate)
        {
            MarkInterrupted();
            if (Query("SELECT id FROM runs WHERE id = @id", r => r.GetString(0), ("@id", runId)).Count == 0) return null;
            var summary = Summary(runId);
            var command = Query("SELECT command_line FROM runs WHERE id = @id", r => r.IsDBNull(0) ? null : r.GetString(0), ("@id", runId))[0];
            var provenance = Query("SELECT key, value FROM provenance WHERE run_id = @id ORDER BY key", r => (r.GetString(0), r.GetString(1)), ("@id", runId)).ToDictionary(p => p.Item1, p => p.Item2);
            var boards = Query("SELECT name, profile, host_name, model, serial, kernel, firmware, settings FROM boards WHERE run_id = @id ORDER BY name",
                r => new BoardRecord(r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)), ("@id", runId));
            var candidates = Query("SELECT model, sha256, precisions, status, host_value, bytes, objective FROM candidates WHERE run_id = @id ORDER BY seq",
                r => new CandidateRecord(r.GetString(0), Text(r, 1), Text(r, 2), r.GetString(3), Real(r, 4), r.IsDBNull(5) ? null : r.GetInt64(5), Real(r, 6)), ("@id", runId));
            var measurements = Query("SELECT board, model, quantity, value, ci95, unit, source, window_index FROM measurements WHERE run_id = @id ORDER BY seq",
                r => new MeasurementRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), Real(r, 4), r.GetString(5), Text(r, 6), r.IsDBNull(7) ? null : checked((int)r.GetInt64(7))), ("@id", runId));
            var verdicts = Query("SELECT board, model, check_name, status, measured, threshold, unit, detail FROM verdicts WHERE run_id = @id ORDER BY seq",
                r => new VerdictRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Real(r, 4), Real(r, 5), Text(r, 6), r.GetString(7)), ("@id", runId));
            return new RunRecord(summary, command, provenance, boards, candidates, measurements, verdicts);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    // A run left running by a process that is gone is interrupted: recorded so, once, by whoever reads it first.
    private void MarkInterrupted()
    {
        var running = Query("SELECT id, host, pid, process_started FROM runs WHERE status = @status",
            r => (Id: r.GetString(0), Owner: new RunOwner(r.GetString(1), r.GetInt64(2), Text(r, 3))), ("@status", StatusText(RunStatus.Running)));
        foreach (var run in running.Where(r => r.Owner.IsDeadHere()))
            Write(null, "UPDATE runs SET status = @status, outcome = COALESCE(outcome, @outcome) WHERE id = @id AND status = @running",
                ("@status", StatusText(RunStatus.Interrupted)), ("@outcome", "its process ended without recording an end"), ("@id", run.Id), ("@running", StatusText(RunStatus.Running)));
    }

    private RunSummary Summary(string id)
    {
        var row = Query("SELECT kind, label, status, outcome, started, ended, folder, operator, host FROM runs WHERE id = @id",
            r => (Kind: r.GetString(0), Label: r.GetString(1), Status: r.GetString(2), Outcome: Text(r, 3), Started: r.GetString(4), Ended: Text(r, 5), Folder: Text(r, 6), Operator: Text(r, 7), Host: r.GetString(8)), ("@id", id))[0];
        var boards = Query("SELECT name FROM boards WHERE run_id = @id ORDER BY name", r => r.GetString(0), ("@id", id));
        var models = Query("SELECT model FROM measurements WHERE run_id = @id UNION SELECT model FROM verdicts WHERE run_id = @id ORDER BY 1", r => r.GetString(0), ("@id", id));
        var count = Query("SELECT COUNT(*) FROM measurements WHERE run_id = @id", r => r.GetInt64(0), ("@id", id))[0];
        return new RunSummary(id, ParseKind(row.Kind), row.Label, ParseStatus(row.Status), row.Outcome, ParseTime(row.Started), row.Ended is { } e ? ParseTime(e) : null,
            row.Folder, row.Operator, row.Host, boards, models, checked((int)count));
    }

    private List<T> Query<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.Add(Parameter(command, name, value));
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private void Write(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.Add(Parameter(command, name, value));
        command.ExecuteNonQuery();
    }

    private long NextSeq(string table, string runId) =>
        Query($"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table} WHERE run_id = @id", r => r.GetInt64(0), ("@id", runId))[0];

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>A kind as the store writes it (lower case, e.g. <c>qualify</c>).</summary>
    public static string KindText(RunKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A status as the store writes it (e.g. <c>interrupted</c>, <c>infrastructure-error</c>).</summary>
    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.InfrastructureError => "infrastructure-error",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static RunKind ParseKind(string text) => Enum.GetValues<RunKind>().FirstOrDefault(k => KindText(k) == text, (RunKind)(-1)) is var k && Enum.IsDefined(k)
        ? k : throw new HistorySchemaException($"history holds a run of unknown kind '{text}'");

    private static RunStatus ParseStatus(string text) => Enum.GetValues<RunStatus>().FirstOrDefault(s => StatusText(s) == text, (RunStatus)(-1)) is var s && Enum.IsDefined(s)
        ? s : throw new HistorySchemaException($"history holds a run of unknown status '{text}'");

    private sealed class Recorder(SqlRunHistory history, string id) : IRunRecorder
    {
        private bool _finished;

        public string RunId => id;

        public void Board(BoardRecord board)
        {
            lock (history._gate)
            {
                history.Write(null, "DELETE FROM boards WHERE run_id = @run AND name = @name", ("@run", id), ("@name", board.Name));
                history.Write(null, "INSERT INTO boards (run_id, name, profile, host_name, model, serial, kernel, firmware, settings) VALUES (@run, @name, @profile, @host, @model, @serial, @kernel, @firmware, @settings)",
                    ("@run", id), ("@name", board.Name), ("@profile", board.Profile), ("@host", board.HostName), ("@model", board.Model), ("@serial", board.Serial),
                    ("@kernel", board.Kernel), ("@firmware", board.Firmware), ("@settings", board.Settings));
            }
        }

        public void Candidate(CandidateRecord candidate)
        {
            lock (history._gate)
            {
                history.Write(null, "INSERT INTO candidates (run_id, seq, model, sha256, precisions, status, host_value, bytes, objective) VALUES (@run, @seq, @model, @sha, @precisions, @status, @host, @bytes, @objective)",
                    ("@run", id), ("@seq", history.NextSeq("candidates", id)), ("@model", candidate.Model), ("@sha", candidate.Sha256), ("@precisions", candidate.Precisions),
                    ("@status", candidate.Status), ("@host", candidate.HostValue), ("@bytes", candidate.Bytes), ("@objective", candidate.Objective));
            }
        }

        public void Measurement(MeasurementRecord m)
        {
            lock (history._gate)
            {
                history.Write(null, "INSERT INTO measurements (run_id, seq, board, model, quantity, value, ci95, unit, source, window_index, taken) VALUES (@run, @seq, @board, @model, @quantity, @value, @ci, @unit, @source, @window, @taken)",
                    ("@run", id), ("@seq", history.NextSeq("measurements", id)), ("@board", m.Board), ("@model", m.Model), ("@quantity", m.Quantity), ("@value", m.Value),
                    ("@ci", m.Ci95), ("@unit", m.Unit), ("@source", m.Source), ("@window", m.Window), ("@taken", Time(DateTimeOffset.UtcNow)));
            }
        }

        public void Verdict(VerdictRecord v)
        {
            lock (history._gate)
            {
                history.Write(null, "INSERT INTO verdicts (run_id, seq, board, model, check_name, status, measured, threshold, unit, detail) VALUES (@run, @seq, @board, @model, @check, @status, @measured, @threshold, @unit, @detail)",
                    ("@run", id), ("@seq", history.NextSeq("verdicts", id)), ("@board", v.Board), ("@model", v.Model), ("@check", v.Check), ("@status", v.Status),
                    ("@measured", v.Measured), ("@threshold", v.Threshold), ("@unit", v.Unit), ("@detail", v.Detail));
            }
        }

        public void Provenance(IReadOnlyDictionary<string, string> values)
        {
            lock (history._gate)
            {
                foreach (var (key, value) in values)
                {
                    history.Write(null, "DELETE FROM provenance WHERE run_id = @run AND key = @key", ("@run", id), ("@key", key));
                    history.Write(null, "INSERT INTO provenance (run_id, key, value) VALUES (@run, @key, @value)", ("@run", id), ("@key", key), ("@value", value));
                }
            }
        }

        public void Finish(RunStatus status, string? outcome)
        {
            if (status == RunStatus.Running) throw new ArgumentException("a run finishes in a final state", nameof(status));
            lock (history._gate)
            {
                history.Write(null, "UPDATE runs SET status = @status, outcome = @outcome, ended = @ended WHERE id = @run",
                    ("@status", StatusText(status)), ("@outcome", outcome), ("@ended", Time(DateTimeOffset.UtcNow)), ("@run", id));
            }
            _finished = true;
        }

        public void Dispose()
        {
            if (!_finished) Finish(RunStatus.Interrupted, "stopped before it recorded an end");
        }
    }
}
