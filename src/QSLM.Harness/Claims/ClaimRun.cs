using System.Globalization;
using QSLM.Boards.Failures;
using QSLM.Harness.Power;
using QSLM.Harness.Reporting;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Reports.Document;
using QSLM.Reports.Plots;
using QSLM.Reports.Writers;
using QSLM.Sensors.Calibration;

namespace QSLM.Harness.Claims;

/// <summary>A claim run once begun in the history: the board's steps, what each recorded, and the report written from them.</summary>
internal sealed class ClaimRun(ClaimRequest request, SearchBoard board, LabMeter meter, CalibrationStore calibration, ClaimModel baseline, ClaimModel candidate,
    ClaimCheckData data, string folder, DateTimeOffset started, IRunRecorder recorder, IProgress<string>? progress)
{
    /// <summary>The windows log's file name.</summary>
    public const string WindowsFile = "windows.csv";

    private readonly List<AgreementCheck> _agreement = [];
    private string? _source;

    /// <summary>Lines the report carries whatever happens.</summary>
    public List<string> Notes { get; init; } = [];

    private string Board => request.Board;

    public async Task<ClaimResult> RunAsync(IBoardWindows windows, TracedBoardWindows? traced, CancellationToken cancellationToken)
    {
        var session = board.Session;
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var plan = BoardMeters.Plan(board, null, request.Rules);
        if (!plan.Settings.IsEmpty)
        {
            var applied = await session.ApplySettingsAsync(plan.Settings, cancellationToken).ConfigureAwait(false);
            progress?.Report($"board {Board}: settings read back: {applied.Describe()}");
        }
        if (session.Agent is { } hello) progress?.Report($"board {Board}: agent {hello.AgentVersion} on {hello.RuntimeId} via {session.Description}; meter {meter.Spec}");
        recorder.Board(ReportBoards.Record(ReportBoard()));

        foreach (var model in new[] { baseline, candidate })
        {
            var check = await AgreeAsync(model, cancellationToken).ConfigureAwait(false);
            _agreement.Add(check);
            progress?.Report($"board {Board}: {model.Label}: {(check.Agrees ? "gives the host's answers" : "does NOT give the host's answers")}: {check.Detail}");
            if (!check.Agrees) break;
        }
        if (_agreement.Count < 2 || _agreement.Any(a => !a.Agrees))
        {
            var failed = _agreement.First(a => !a.Agrees);
            var why = $"not measured: the {failed.Model} does not give the host's answers on the board";
            var report = Report(CheckStatus.Failed, "failed: " + why, ClaimReports.Check(Board, request.Claim, null, null, why), null, null, null);
            var files = ReportSet.Write(report, folder);
            recorder.Finish(RunStatus.Completed, "failed: " + why);
            return new ClaimResult(null, null, _agreement, report, folder, files, recorder.RunId);
        }

        progress?.Report($"board {Board}: measuring {plan.WindowsText}");
        var measurement = new LabMeasurement(windows, meter, request.Rules) { WindowTaken = Record };
        var result = await measurement.MeasureAsync(baseline.Path, candidate.Path, request.Seed, cancellationToken).ConfigureAwait(false);
        _source = result.Source.ToString();
        var interval = ClaimInterval.Of(result, request.Claim);
        var figures = ClaimFigures.Of(result, data.TokensPerInference);
        RecordSummary(result, figures, interval);
        var claimCheck = ClaimReports.Check(Board, request.Claim, interval, _source);
        var sentence = ClaimReports.Sentence(interval);
        recorder.Verdict(new VerdictRecord(Board, candidate.Label, "claim", interval.Outcome.ToString().ToLowerInvariant(), interval.Mean, request.Claim, "fraction", sentence));
        var status = claimCheck.Status;
        var trace = traced is null ? null : ClaimReports.Trace(Board, meter.Spec, result, traced.Trace);
        if (traced is null) Notes.Add("trace: not kept for a meter on the host (its samples stay on the host's clock)");
        if (result.Quick) Notes.Add("quick windows: shorter or fewer than a lab accepts; not a lab figure");
        var written = Report(status, sentence, claimCheck, ClaimReports.Section(interval, figures), result, trace);
        var all = ReportSet.Write(written, folder).ToList();
        var csv = Path.Combine(folder, WindowsFile);
        using (var writer = new StreamWriter(csv)) LabWindowCsv.Write(writer, result);
        all.Add(csv);
        recorder.Finish(RunStatus.Completed, sentence);
        return new ClaimResult(interval.Outcome, interval, _agreement, written, folder, all, recorder.RunId);
    }

    /// <summary>Writes the report of a run the infrastructure stopped: what it completed, and the error.</summary>
    public void WriteFailure(string message)
    {
        var report = Report(CheckStatus.Error, "error: " + message,
            new CheckResult(Board, candidate.Label, "claim", CheckStatus.Error, null, request.Claim, "fraction", message), null, null, null);
        ReportSet.Write(report, folder);
    }

    private async Task<AgreementCheck> AgreeAsync(ClaimModel model, CancellationToken cancellationToken)
    {
        try
        {
            var scored = await board.Session.EvaluateAsync(model.Path, data.Request(model.Sha256), cancellationToken).ConfigureAwait(false);
            var check = data.Compare(model, scored);
            var quantity = check.Quantity == "perplexity" ? Quantities.Perplexity : Quantities.Accuracy;
            var unit = check.Quantity == "perplexity" ? "" : "fraction";
            recorder.Measurement(new MeasurementRecord(Board, model.Label, quantity, check.Board, null, unit));
            recorder.Measurement(new MeasurementRecord("host", model.Label, Quantities.HostMetric, check.Host, null, unit));
            if (check.PeakRssBytes is { } peak) recorder.Measurement(new MeasurementRecord(Board, model.Label, Quantities.PeakMemory, peak, null, "B"));
            recorder.Verdict(new VerdictRecord(Board, model.Label, "agreement-" + model.Label, check.Agrees ? "passed" : "failed", check.Deviation, check.Tolerance, null, check.Detail));
            return check;
        }
        catch (BoardFailureException e) when (e.Class == FailureClass.Candidate)
        {
            // The model itself failed on the board (too big, refused): it does not give the host's answers.
            var detail = $"the board could not score it: {e.Code}: {e.InnerException?.Message ?? e.Message}";
            recorder.Verdict(new VerdictRecord(Board, model.Label, "agreement-" + model.Label, "failed", null, null, null, detail));
            return new AgreementCheck(model.Label, data.LanguageModel ? "perplexity" : "accuracy", double.NaN, double.NaN, false, double.NaN, data.Tolerance, detail, 0, null);
        }
    }

    // Each window's figures, committed as the window is taken.
    private void Record(LabWindow window)
    {
        var side = window.Side switch { null => "idle", LabSide.Baseline => baseline.Label, _ => candidate.Label };
        var source = window.Source.ToString();
        recorder.Measurement(new MeasurementRecord(Board, side, window.Side is null ? Quantities.IdlePower : Quantities.Power, window.GrossWatts, null, "W", source, window.Order));
        if (window.Side is not null)
        {
            recorder.Measurement(new MeasurementRecord(Board, side, Quantities.EnergyPerToken, window.GrossJoulesPerToken, null, "J", source, window.Order));
            recorder.Measurement(new MeasurementRecord(Board, side, Quantities.NetEnergyPerToken, window.NetJoulesPerToken, null, "J", source, window.Order));
        }
    }

    private void RecordSummary(LabResult result, IReadOnlyList<ClaimFigure> figures, ClaimInterval interval)
    {
        recorder.Measurement(new MeasurementRecord(Board, "idle", Quantities.IdlePower, result.IdleWatts, null, "W", _source));
        foreach (var figure in figures)
        {
            var quantity = figure.Quantity switch
            {
                ClaimFigures.Power => Quantities.Power,
                ClaimFigures.EnergyPerToken => Quantities.EnergyPerToken,
                ClaimFigures.NetEnergyPerToken => Quantities.NetEnergyPerToken,
                _ => null,
            };
            if (quantity is not null) recorder.Measurement(new MeasurementRecord(Board, figure.Side, quantity, figure.Value, figure.Ci95, figure.Unit, figure.Source));
        }
        recorder.Measurement(new MeasurementRecord(Board, candidate.Label, Quantities.Saving, -interval.Mean, interval.High - interval.Mean, "fraction", _source));
    }

    private ReportBoard ReportBoard() =>
        ReportBoards.From(board.Session, board.Entry.Profile, [(meter.Spec, _source ?? "not measured")], calibration);

    // The power trace and the per-window plot are drawn from the report's own traces and windows.
    private RunReport Report(CheckStatus status, string verdict, CheckResult claim, ClaimSection? section, LabResult? result, ReportTrace? trace) => FigureBuilder.WithFigures(new()
    {
        Kind = ClaimReports.Kind,
        Title = $"Claim: {ClaimReports.Stated(request.Claim)}, on {Board}",
        RunId = recorder.RunId,
        Verdict = verdict,
        Status = status,
        Provenance = new ReportProvenance(QslmBuild.Version, QslmBuild.Commit, request.Operator, Environment.MachineName, request.CommandLine, started, DateTimeOffset.UtcNow,
            BoardMeters.Plan(board, null, request.Rules).WindowsText),
        Boards = [ReportBoard()],
        Models = [.. new[] { baseline, candidate }.Select(m => new ReportModel(m.Label, m.Path, m.Sha256, m.Bytes, m.Description))],
        Checks = [.. _agreement.Select(a => ClaimReports.Check(Board, a)), .. MissingAgreement(), claim],
        Claim = section,
        Windows = result is null ? [] : ClaimReports.Windows(Board, result),
        Traces = trace is null ? [] : [trace],
        Notes = [.. Notes, "check data: " + data.Description, string.Create(CultureInfo.InvariantCulture, $"order of each pair drawn with seed {request.Seed}")],
    });

    // An agreement check the run did not reach reads "not run", never passed.
    private IEnumerable<CheckResult> MissingAgreement() => new[] { baseline, candidate }.Skip(_agreement.Count)
        .Select(m => new CheckResult(Board, m.Label, "agreement-" + m.Label, CheckStatus.NotRun, null, null, null, "not reached"));
}
