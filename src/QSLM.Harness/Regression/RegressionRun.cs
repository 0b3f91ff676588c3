using System.Globalization;
using QSLM.Errors;
using QSLM.Harness.Reporting;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Reports.Document;
using QSLM.Reports.Plots;
using QSLM.Reports.Writers;

namespace QSLM.Harness.Regression;

/// <summary>
/// <c>qslm regress</c>: loads a run and its baseline from the history, refuses either when it is unknown or did not
/// complete (an interrupted run's figures are partial), compares them (<see cref="RegressionComparison"/>), draws each
/// compared figure's trend over the latest runs of the same kind (<see cref="TrendPlot"/>), writes the report in every
/// form (<see cref="ReportSet"/>) and records the comparison in the history as a regress run with one verdict per check.
/// </summary>
public static class RegressionRun
{
    /// <summary>Trend plots drawn at most: a search records many candidates, and a report of hundreds of plots is read by nobody.</summary>
    public const int MaxTrendFigures = 24;

    /// <summary>Runs <paramref name="request"/> against <paramref name="history"/>.</summary>
    /// <exception cref="InputException">A run is unknown or did not complete, or there is no run to compare.</exception>
    public static RegressionOutcome Run(IRunHistory history, RegressionRequest request)
    {
        var started = DateTimeOffset.UtcNow;
        var baseline = Completed(history, request.BaselineRunId, "baseline run");
        var run = request.RunId is { } id ? Completed(history, id, "run") : Newest(history, baseline);
        if (run.Summary.Id == baseline.Summary.Id) throw new InputException($"run {run.Summary.Id} is its own baseline; name another run to compare");

        var checks = RegressionComparison.Compare(baseline, run, request.Thresholds);
        var (failed, passed, notRun) = (checks.Count(c => c.Status == CheckStatus.Failed), checks.Count(c => c.Status == CheckStatus.Passed), checks.Count(c => c.Status == CheckStatus.NotRun));
        var verdict = string.Create(CultureInfo.InvariantCulture, $"{failed} failed, {passed} passed, {notRun} not run");
        var (figures, trendNotes) = Trends(history, baseline, run, checks, request.TrendRuns);

        var kind = SqliteRunHistory.KindText(run.Summary.Kind);
        var title = $"{kind} run {run.Summary.Id} against baseline run {baseline.Summary.Id}";
        var provenance = new Dictionary<string, string>
        {
            ["baseline_run"] = baseline.Summary.Id,
            ["run"] = run.Summary.Id,
            ["thresholds"] = request.Thresholds.ToString(),
            ["qslm_version"] = QslmBuild.Version,
        };
        if (QslmBuild.Commit is { } commit) provenance["qslm_commit"] = commit;
        using var recorder = history.Begin(new RunStart(RunKind.Regress, title, Path.GetFullPath(request.OutputFolder), request.CommandLine, request.Operator, provenance));
        foreach (var board in run.Boards) recorder.Board(board);
        foreach (var c in checks)
            recorder.Verdict(new VerdictRecord(c.Board, c.Model, c.Check, Status(c.Status), c.Measured, c.Threshold, c.Unit, c.Detail));

        var report = new RunReport
        {
            Kind = "regress",
            Title = title,
            RunId = recorder.RunId,
            Verdict = verdict,
            Status = failed > 0 ? CheckStatus.Failed : CheckStatus.Passed,
            Provenance = new ReportProvenance(QslmBuild.Version, QslmBuild.Commit, request.Operator, Environment.MachineName, request.CommandLine, started, DateTimeOffset.UtcNow, run.Provenance.GetValueOrDefault("window_rules")),
            Boards = [.. run.Boards.Select(b => new ReportBoard(b.Name, $"as recorded in run {run.Summary.Id}", b.Profile, b.HostName, b.Model, b.Serial, b.Kernel, b.Firmware, null, b.Settings, []))],
            Checks = checks,
            Figures = figures,
            Notes =
            [
                $"compared: {Describe(run.Summary)}",
                $"baseline: {Describe(baseline.Summary)}",
                $"thresholds: {request.Thresholds}",
                .. trendNotes,
            ],
        };
        var files = ReportSet.Write(report, request.OutputFolder);
        recorder.Finish(RunStatus.Completed, verdict);
        return new RegressionOutcome(report, files, recorder.RunId);
    }

    /// <summary>A verdict's status as the history writes it.</summary>
    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        CheckStatus.NotRun => "not run",
        _ => "error",
    };

    private static RunRecord Completed(IRunHistory history, string id, string role)
    {
        var run = history.Load(id) ?? throw new InputException($"{role} {id} is not in history {history.Location} (qslm history lists the runs)");
        if (run.Summary.Status != RunStatus.Completed)
            throw new InputException($"{role} {id} is {SqliteRunHistory.StatusText(run.Summary.Status)}{(run.Summary.Outcome is { } o ? $" ({o})" : "")}: only a completed run is compared, its figures whole");
        return run;
    }

    private static RunRecord Newest(IRunHistory history, RunRecord baseline) =>
        history.List(new RunFilter(Kind: baseline.Summary.Kind, Status: RunStatus.Completed)).FirstOrDefault(r => r.Id != baseline.Summary.Id) is { } newest
            ? history.Load(newest.Id)!
            : throw new InputException($"no completed {SqliteRunHistory.KindText(baseline.Summary.Kind)} run other than the baseline {baseline.Summary.Id} in history {history.Location}; name the run to compare");

    private static string Describe(RunSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"run {s.Id} ({SqliteRunHistory.KindText(s.Kind)}, {s.Label}), started {s.Started:yyyy-MM-dd HH:mm:ss}Z, {s.Outcome ?? "no outcome"}");

    // One plot per board, model and quantity the comparison judged, over the latest completed runs of the same kind
    // (the two compared always among them).
    private static (IReadOnlyList<ReportFigure> Figures, IReadOnlyList<string> Notes) Trends(IRunHistory history, RunRecord baseline, RunRecord run, IReadOnlyList<CheckResult> checks, int count)
    {
        if (count <= 0) return ([], ["trend plots: none asked for (--trend 0)"]);
        var recent = history.List(new RunFilter(Kind: run.Summary.Kind, Status: RunStatus.Completed, Last: count))
            .Where(r => r.Id != run.Summary.Id && r.Id != baseline.Summary.Id).Take(Math.Max(0, count - 2))
            .Select(r => history.Load(r.Id)!).Append(baseline).Append(run).ToList();
        var judged = checks.Where(c => c.Status is CheckStatus.Passed or CheckStatus.Failed).ToList();
        var figures = new List<ReportFigure>();
        foreach (var check in judged.Take(MaxTrendFigures))
        {
            var points = recent
                .Select(r => (Run: r, Figure: r.Measurements.LastOrDefault(m => m.Window is null && m.Board == check.Board && m.Model == check.Model && m.Quantity == check.Check && m.Source == check.Source)))
                .Where(p => p.Figure is not null)
                .Select(p => new TrendPoint(p.Run.Summary.Id, p.Run.Summary.Started, p.Figure!.Value, p.Figure.Ci95,
                    p.Run.Summary.Id == run.Summary.Id ? "compared" : p.Run.Summary.Id == baseline.Summary.Id ? "baseline" : null))
                .ToList();
            var unit = check.Unit ?? "";
            var name = $"trend-{Safe(check.Board)}-{Safe(check.Model)}-{Safe(check.Check)}.png";
            var caption = string.Create(CultureInfo.InvariantCulture, $"{check.Check} ({unit}{(check.Source is { } s ? ", " + s : "")}) of {check.Model} on {check.Board} over the last {points.Count} completed runs with figures from the same source; error bars are 95% intervals");
            figures.Add(new ReportFigure(name, caption, TrendPlot.Render($"{check.Model} on {check.Board}", check.Check, unit, points, check.Source)));
        }
        var notes = new List<string> { string.Create(CultureInfo.InvariantCulture, $"trend plots: {figures.Count} over the last {recent.Count} completed runs of the same kind") };
        if (judged.Count > figures.Count)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"trend plots: {judged.Count - figures.Count} more compared figures not drawn (at most {MaxTrendFigures})"));
        return (figures, notes);
    }

    private static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
