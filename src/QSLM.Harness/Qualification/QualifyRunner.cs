using QSLM.Errors;
using QSLM.Boards.Resilience;
using QSLM.Harness.Boards;
using QSLM.Harness.Search;
using QSLM.Reports.Document;
using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Runs a qualification: the host's answer for each model once, then every board at once, each on its own
/// (<see cref="BoardQualifier"/>; a board is held by this process alone while it runs, <see cref="QSLM.Boards.Locks.BoardLock"/>),
/// every check heard by the sink as it is decided. A board that cannot even be prepared (its agent missing beside
/// qslm, another process holding it) has every check an error; the other boards still run. The checks come back in
/// bench order, board by board, whatever order the boards finished in, so a run on several boards reads as the same
/// runs one board at a time.
/// </summary>
public static class QualifyRunner
{
    /// <summary>How hard a board is tried: a couple of retries a second apart, 15 s to connect; a board that does not
    /// come up is an error for its checks, not a long wait for the others. With <paramref name="hang"/>, no step of the
    /// agent's may take longer (a board silent that long is hung), so a power switch can bring it back soon.</summary>
    public static BoardResilienceOptions Resilience(TimeSpan? hang = null)
    {
        var options = new BoardResilienceOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(15) };
        if (hang is not { } limit) return options;
        TimeSpan Cap(TimeSpan t) => t < limit ? t : limit;
        return options with
        {
            ConnectTimeout = Cap(options.ConnectTimeout), StartAgentTimeout = Cap(options.StartAgentTimeout), UploadTimeout = Cap(options.UploadTimeout),
            RunTimeout = Cap(options.RunTimeout), SensorsTimeout = Cap(options.SensorsTimeout), SettingsTimeout = Cap(options.SettingsTimeout),
        };
    }

    /// <summary>Runs <paramref name="request"/>; returns every check, board and power window.</summary>
    public static async Task<QualifyResult> RunAsync(QualifyRequest request, IQualifySink sink, CancellationToken cancellationToken = default)
    {
        var collected = new CollectingSink(sink);
        var host = HostAnswers(request, sink);
        await Task.WhenAll(request.Boards.Select(name => Task.Run(() => BoardAsync(request, name, host, collected, cancellationToken), cancellationToken))).ConfigureAwait(false);
        var boardOrder = request.Boards.Select((b, i) => (b, i)).ToDictionary(p => p.b, p => p.i, StringComparer.Ordinal);
        var modelOrder = request.Models.Select((m, i) => (m.Label, i)).ToDictionary(p => p.Label, p => p.i, StringComparer.Ordinal);
        var checkOrder = QualifyChecks.All.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var checks = collected.Checks.OrderBy(c => boardOrder.GetValueOrDefault(c.Board, int.MaxValue)).ThenBy(c => modelOrder.GetValueOrDefault(c.Model, int.MaxValue))
            .ThenBy(c => checkOrder.GetValueOrDefault(c.Check, int.MaxValue)).ToList();
        var boards = collected.Boards.Values.OrderBy(b => boardOrder.GetValueOrDefault(b.Name, int.MaxValue)).ToList();
        return new QualifyResult(checks, boards, collected.Windows) { Incidents = collected.Incidents };
    }

    /// <summary>Runs <paramref name="request"/> on <paramref name="backend"/>'s boards (a farm engine) instead of the
    /// bench's: the host's answers as for the direct mode, then the backend decides each board's checks.</summary>
    public static async Task<QualifyResult> RunOnBackendAsync(QualifyRequest request, IQualifySink sink, IQualifyBackend backend, CancellationToken cancellationToken = default)
    {
        var collected = new CollectingSink(sink);
        var host = HostAnswers(request, sink);
        await backend.RunAsync(request, host, collected, cancellationToken).ConfigureAwait(false);
        return new QualifyResult(collected.Checks, [.. collected.Boards.Values], collected.Windows) { Incidents = collected.Incidents };
    }

    private static Dictionary<string, HostAnswer> HostAnswers(QualifyRequest request, IQualifySink sink)
    {
        var host = new Dictionary<string, HostAnswer>(StringComparer.Ordinal);
        foreach (var model in request.Models)
        {
            sink.Progress($"host: {model.Label}: scoring the packed file on {request.Data.Describe(model.IsSst2)} with QSLM.Runtime");
            host[model.Label] = request.Data.Answer(model.Path, model.IsSst2);
        }
        return host;
    }

    private static async Task BoardAsync(QualifyRequest request, string name, IReadOnlyDictionary<string, HostAnswer> host, CollectingSink collected, CancellationToken cancellationToken)
    {
        QualifyBoardPlan plan;
        try
        {
            plan = Plan(request, name, collected.Progress);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InfrastructureFailureException)
        {
            var why = (e is InfrastructureFailureException ? "infrastructure failure: " : "infrastructure failure preparing its agent: ") + e.Message.Split('\n')[0];
            collected.Progress($"board {name}: {why}");
            foreach (var model in request.Models)
                foreach (var check in QualifyChecks.All) collected.Check(new QualifyVerdicts(name, model.Label).Error(check, why));
            var entry = BoardSessions.Find(request.Bench, name);
            collected.Board(new ReportBoard(name, entry.Link.ToString().ToLowerInvariant(), entry.Profile, null, null, null, null, null, null, null, []));
            return;
        }
        await new BoardQualifier(plan, request.Models, request.Data, host, request.Calibration, collected).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static QualifyBoardPlan Plan(QualifyRequest request, string name, Action<string> progress)
    {
        var entry = BoardSessions.Find(request.Bench, name);
        var profile = BoardSessions.Profile(entry, request.ProfilesFolder);
        var session = BoardSessions.Open(request.Bench, name, profilesFolder: request.ProfilesFolder, options: Resilience(request.HangTimeout), lockWait: request.BoardWait, waiting: progress);
        var board = new SearchBoard(session, BoardMemoryBudget.Of(profile), entry, profile);
        var targets = QualifyBoards.Targets(name, profile, request.Targets, request.Tolerance);
        // A meter is opened only where a ceiling will use it.
        var power = targets.MaxWatts is null && targets.MaxJoulesPerToken is null
            ? BoardPowerPlan.Estimated with { Settings = profile?.Settings ?? QSLM.Protocol.Messages.BoardSettings.None }
            : BoardMeters.Plan(board, null, request.Rules);
        return new QualifyBoardPlan(session, board.Budget, profile, targets, power, request.Run)
        {
            PowerSwitch = entry.PowerSwitch is { } command ? new QSLM.Boards.Power.PowerSwitch(command) : null,
        };
    }

    // Boards run at once: every record goes through one lock, so the sink behind it (the history, the console) hears
    // one at a time.
    private sealed class CollectingSink(IQualifySink inner) : IQualifySink
    {
        private readonly Lock _gate = new();

        public List<CheckResult> Checks { get; } = [];

        public Dictionary<string, ReportBoard> Boards { get; } = new(StringComparer.Ordinal);

        public List<ReportWindow> Windows { get; } = [];

        public void Board(ReportBoard board)
        {
            lock (_gate)
            {
                Boards[board.Name] = board;
                inner.Board(board);
            }
        }

        public void Measurement(QSLM.History.Records.MeasurementRecord measurement)
        {
            lock (_gate) inner.Measurement(measurement);
        }

        public void Window(ReportWindow window)
        {
            lock (_gate)
            {
                Windows.Add(window);
                inner.Window(window);
            }
        }

        public void Check(CheckResult check)
        {
            lock (_gate)
            {
                Checks.Add(check);
                inner.Check(check);
            }
        }

        public List<string> Incidents { get; } = [];

        public void Incident(string board, string what)
        {
            lock (_gate)
            {
                Incidents.Add($"board {board}: {what}");
                inner.Incident(board, what);
            }
        }

        public void Progress(string line)
        {
            lock (_gate) inner.Progress(line);
        }
    }
}

/// <summary>What a qualification found.</summary>
/// <param name="Checks">Every check, one per board × model × check, board by board in bench order, then model and check order.</param>
/// <param name="Boards">The boards, as their agents named them.</param>
/// <param name="Windows">Every power window measured, idle ones included.</param>
public sealed record QualifyResult(IReadOnlyList<CheckResult> Checks, IReadOnlyList<ReportBoard> Boards, IReadOnlyList<ReportWindow> Windows)
{
    /// <summary>Infrastructure failures the run recovered from (a board power-cycled), in words.</summary>
    public IReadOnlyList<string> Incidents { get; init; } = [];
}
