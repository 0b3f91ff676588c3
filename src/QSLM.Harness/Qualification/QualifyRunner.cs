using QSLM.Boards.Resilience;
using QSLM.Harness.Boards;
using QSLM.Harness.Search;
using QSLM.Reports.Document;
using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Runs a qualification: the host's answer for each model once, then each board in turn (<see cref="BoardQualifier"/>),
/// every check heard by the sink as it is decided. A board that cannot even be prepared (its agent missing beside
/// qslm) has every check an error; the other boards still run.
/// </summary>
public static class QualifyRunner
{
    /// <summary>How hard a board is tried: a couple of retries a second apart, 15 s to connect; a board that does not
    /// come up is an error for its checks, not a long wait for the others.</summary>
    public static BoardResilienceOptions Resilience { get; } = new() { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(15) };

    /// <summary>Runs <paramref name="request"/>; returns every check, board and power window.</summary>
    public static async Task<QualifyResult> RunAsync(QualifyRequest request, IQualifySink sink,
        Func<string, Task>? beforeBoard = null, CancellationToken cancellationToken = default)
    {
        var collected = new CollectingSink(sink);
        var host = HostAnswers(request, sink);
        foreach (var name in request.Boards)
        {
            if (beforeBoard is not null) await beforeBoard(name).ConfigureAwait(false);
            QualifyBoardPlan plan;
            try
            {
                plan = Plan(request, name);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                var why = "infrastructure failure preparing its agent: " + e.Message.Split('\n')[0];
                sink.Progress($"board {name}: {why}");
                foreach (var model in request.Models)
                    foreach (var check in QualifyChecks.All) collected.Check(new QualifyVerdicts(name, model.Label).Error(check, why));
                var entry = BoardSessions.Find(request.Bench, name);
                collected.Board(new ReportBoard(name, entry.Link.ToString().ToLowerInvariant(), entry.Profile, null, null, null, null, null, null, null, []));
                continue;
            }
            await new BoardQualifier(plan, request.Models, request.Data, host, request.Calibration, collected).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        return new QualifyResult(collected.Checks, [.. collected.Boards.Values], collected.Windows);
    }

    /// <summary>Runs <paramref name="request"/> on <paramref name="backend"/>'s boards (a farm engine) instead of the
    /// bench's: the host's answers as for the direct mode, then the backend decides each board's checks.</summary>
    public static async Task<QualifyResult> RunOnBackendAsync(QualifyRequest request, IQualifySink sink, IQualifyBackend backend, CancellationToken cancellationToken = default)
    {
        var collected = new CollectingSink(sink);
        var host = HostAnswers(request, sink);
        await backend.RunAsync(request, host, collected, cancellationToken).ConfigureAwait(false);
        return new QualifyResult(collected.Checks, [.. collected.Boards.Values], collected.Windows);
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

    private static QualifyBoardPlan Plan(QualifyRequest request, string name)
    {
        var entry = BoardSessions.Find(request.Bench, name);
        var profile = BoardSessions.Profile(entry, request.ProfilesFolder);
        var session = BoardSessions.Open(request.Bench, name, profilesFolder: request.ProfilesFolder, options: Resilience);
        var board = new SearchBoard(session, BoardMemoryBudget.Of(profile), entry, profile);
        var targets = QualifyBoards.Targets(name, profile, request.Targets, request.Tolerance);
        // A meter is opened only where a ceiling will use it.
        var power = targets.MaxWatts is null && targets.MaxJoulesPerToken is null
            ? BoardPowerPlan.Estimated with { Settings = profile?.Settings ?? QSLM.Protocol.Messages.BoardSettings.None }
            : BoardMeters.Plan(board, null, request.Rules);
        return new QualifyBoardPlan(session, board.Budget, profile, targets, power, request.Run);
    }

    private sealed class CollectingSink(IQualifySink inner) : IQualifySink
    {
        public List<CheckResult> Checks { get; } = [];

        public Dictionary<string, ReportBoard> Boards { get; } = new(StringComparer.Ordinal);

        public void Board(ReportBoard board)
        {
            Boards[board.Name] = board;
            inner.Board(board);
        }

        public List<ReportWindow> Windows { get; } = [];

        public void Measurement(QSLM.History.Records.MeasurementRecord measurement) => inner.Measurement(measurement);

        public void Window(ReportWindow window)
        {
            Windows.Add(window);
            inner.Window(window);
        }

        public void Check(CheckResult check)
        {
            Checks.Add(check);
            inner.Check(check);
        }

        public void Progress(string line) => inner.Progress(line);
    }
}

/// <summary>What a qualification found.</summary>
/// <param name="Checks">Every check, one per board × model × check, in the order decided.</param>
/// <param name="Boards">The boards, as their agents named them.</param>
/// <param name="Windows">Every power window measured, idle ones included.</param>
public sealed record QualifyResult(IReadOnlyList<CheckResult> Checks, IReadOnlyList<ReportBoard> Boards, IReadOnlyList<ReportWindow> Windows);
