using System.Globalization;
using QSLM.Boards.Failures;
using QSLM.Errors;
using QSLM.Harness.Power;
using QSLM.Harness.Reporting;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Sensors.Calibration;

namespace QSLM.Harness.Claims;

/// <summary>
/// One run of <c>qslm claim</c>: checks its input (nothing is recorded for a request it refuses), begins the run in
/// the history, brings the board up with its profile's settings pinned and read back, has both models give the host's
/// answers on the board (a model that does not fails the run, and the claim is not measured), measures both in
/// interleaved windows in a seeded order with the idle power subtracted and the meter's calibration applied, judges
/// the claim on the paired interval, and writes the report and the windows into the run folder. Each window's figures
/// are committed to the history as they are taken.
/// </summary>
public static class ClaimRunner
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="openHistory"/> is called once the request is found valid.</summary>
    /// <exception cref="InputException">Bad input; nothing was recorded.</exception>
    /// <exception cref="InfrastructureFailureException">The board or its meter failed; the run is recorded as such and its report written.</exception>
    public static async Task<ClaimResult> RunAsync(ClaimRequest request, Func<IRunHistory> openHistory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        Validate(request);
        var folder = request.OutputFolder ?? Path.Combine(RepositoryPaths.Runs, string.Create(CultureInfo.InvariantCulture, $"claim-{started.UtcDateTime:yyyyMMdd-HHmmss}"));
        var board = SearchBoard.Open(request.BenchPath, request.Board, request.BoardWait);
        await using var session = board.Session;
        var plan = BoardMeters.Plan(board, null, request.Rules);
        using var hostSensor = plan.HostSensor;
        if (plan.Meter is not { } meter)
            throw new InputException($"board {request.Board} has no meter (no meters: in the bench file, no sensor its profile names that the board reads itself): a claim needs measured power, not an estimate");
        var calibration = LoadCalibration(request.CalibrationFolder);
        var (baseline, candidate) = ClaimModels.Resolve(request, folder);
        if (baseline.HasLmHead != candidate.HasLmHead)
            throw new InputException($"the baseline {baseline.Path} and the candidate {candidate.Path} are not the same kind of model (a language model and a classifier): they do different work per token");
        var data = ClaimCheckData.Load(candidate.HasLmHead, request.CheckSentences, request.CheckTokens, request.PerplexityTolerance);

        var record = calibration.Find(meter.Spec);
        var calibrated = record is not null && !meter.OnHostSide && CalibratedBoardWindows.Applies(record);
        var calibrationNote = record is null
            ? $"calibration: none for {meter.Spec} in {request.CalibrationFolder}; the sensor's own scale was used"
            : calibrated ? $"calibration: applied to {meter.Spec}'s samples: {ReportBoards.Calibration(record)}"
            : $"calibration: the record for {meter.Spec} ({ReportBoards.Calibration(record)}) was not applied: {(meter.OnHostSide ? "a meter on the host is read as opened" : "it corrects current, and the board sends power")}";
        IBoardWindows windows = new SessionBoardWindows(session);
        if (calibrated) windows = new CalibratedBoardWindows(windows, meter.Spec, record!);
        var traced = meter.OnHostSide ? null : new TracedBoardWindows(windows, meter.Spec);
        windows = traced ?? windows;
        if (plan.HostSimulation is { } simulated) windows = new BusyWhileRunningWindows(windows, simulated);

        var provenance = new Dictionary<string, string>
        {
            ["qslm_version"] = QslmBuild.Version,
            ["commit"] = QslmBuild.Commit ?? "unknown",
            ["baseline_sha256"] = baseline.Sha256,
            ["candidate_sha256"] = candidate.Sha256,
            ["window_rules"] = plan.WindowsText ?? "",
            ["claim"] = request.Claim.ToString("R", CultureInfo.InvariantCulture),
            ["meter"] = meter.Spec,
            ["calibration"] = calibrated ? ReportBoards.Calibration(record) : "not applied",
            ["seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
        };
        using var history = openHistory();
        using var recorder = history.Begin(new RunStart(RunKind.Claim, $"{ClaimReports.Stated(request.Claim)} on {request.Board}: {Path.GetFileName(candidate.Path)} against {Path.GetFileName(baseline.Path)}",
            Path.GetFullPath(folder), request.CommandLine, request.Operator, provenance));
        foreach (var model in new[] { baseline, candidate })
            recorder.Candidate(new CandidateRecord(model.Label, model.Sha256, model.Description, model.Label, null, model.Bytes, null));

        var run = new ClaimRun(request, board, meter, calibration, baseline, candidate, data, folder, started, recorder, progress) { Notes = [calibrationNote, data.Inference] };
        try
        {
            return await run.RunAsync(windows, traced, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            recorder.Finish(RunStatus.Cancelled, "cancelled before the verdict");
            throw;
        }
        catch (Exception e) when (e is BoardFailureException or InfrastructureFailureException or InvalidDataException)
        {
            var message = e is InvalidDataException ? $"board {request.Board}: meter {meter.Spec}: {e.Message}" : e.Message;
            run.WriteFailure(message);
            recorder.Finish(RunStatus.InfrastructureError, message);
            throw e as InfrastructureFailureException ?? new InfrastructureFailureException(message, e);
        }
    }

    /// <summary>The checks made before anything is recorded or measured.</summary>
    /// <exception cref="InputException">A claim of 0% or beyond ±100%, both or neither candidate source, windows a lab refuses.</exception>
    public static void Validate(ClaimRequest request)
    {
        if (!(request.Claim > -1 && request.Claim < 1) || request.Claim == 0)
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--claim {request.Claim:+0.##%;-0.##%;0%}: a claim is a non-zero relative difference strictly between -100% and +100%"));
        if ((request.Candidate is null) == (request.FromSearch is null)) throw new InputException("give the candidate as either --candidate FILE or --from-search RUN_FOLDER");
        if (request.Baseline != ClaimRequest.Fp32 && !File.Exists(request.Baseline)) throw new InputException($"--baseline {request.Baseline}: no such file (or say fp32)");
        if (request.Candidate is { } candidate && !File.Exists(candidate)) throw new InputException($"--candidate {candidate}: no such file");
        if (!File.Exists(request.BenchPath)) throw new InputException($"--bench {request.BenchPath}: no such file");
        try
        {
            request.Rules.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--window-seconds: {e.Message}", e);
        }
        if (request.Rules.Repeats < 2) throw new InputException("--windows: a claim's interval needs at least 2 paired windows");
    }

    private static CalibrationStore LoadCalibration(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? CalibrationStore.Load(folder) : CalibrationStore.Empty;
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message, e);
        }
    }
}
