using QSLM.Boards.Failures;
using QSLM.Boards.Settings;
using QSLM.Errors;
using QSLM.Harness.Power;
using QSLM.Harness.Reporting;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Reports.Document;
using QSLM.Runtime.Inference;
using QSLM.Sensors.Board;
using QSLM.Sensors.Calibration;
using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Qualifies every model on one board: brings it up and pins its profile's settings (the settings check), then per
/// model scores it on the board against the host's answer on the same packed file (agreement), times it (latency p50
/// and p99, and its peak memory against the budget), and, only where a ceiling is set, measures its power alone in lab
/// windows (power and energy). A model that fails on the board fails the check it was at, and its later checks are not
/// reached; an infrastructure failure leaves every check of the board not yet decided as an error, kept apart from a
/// failure, and ends this board only, unless the board has a power switch: then it is power-cycled once and its
/// undecided checks run again.
/// </summary>
public sealed class BoardQualifier(QualifyBoardPlan plan, IReadOnlyList<QualifyModel> models, CheckData data, IReadOnlyDictionary<string, HostAnswer> host,
    CalibrationStore calibration, IQualifySink sink)
{
    private readonly HashSet<(string Model, string Check)> _decided = [];

    /// <summary>Runs the board's checks; never throws for the board's own failures.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var session = plan.Session;
        var cycled = false;
        try
        {
            while (true)
            {
                try
                {
                    await ChecksAsync(cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (IsInfrastructure(e) && !cycled && plan.PowerSwitch is { } power)
                {
                    // A board that stopped answering is power-cycled once and checked again from its connection; what was
                    // decided before stays decided, and the failure is the infrastructure's, never the model's.
                    cycled = true;
                    var what = $"stopped answering ({Reason(e)}); power-cycled through its power_switch";
                    sink.Progress($"board {session.Name}: {what}: {power.CommandLine}");
                    await power.CycleAsync(session.Name, cancellationToken).ConfigureAwait(false);
                    sink.Incident(session.Name, what);
                }
            }
        }
        catch (Exception e) when (IsInfrastructure(e))
        {
            var why = "infrastructure failure: " + Reason(e);
            sink.Progress($"board {session.Name}: {why}");
            foreach (var model in models)
                foreach (var check in QualifyChecks.All.Where(c => !_decided.Contains((model.Label, c))))
                    Decide(new QualifyVerdicts(session.Name, model.Label).Error(check, why));
        }
        finally
        {
            sink.Board(Describe());
            await session.DisposeAsync().ConfigureAwait(false);
            plan.Power.HostSensor?.Dispose();
        }
    }

    // Up to the board's checks: connect, pin the settings, then each model not yet wholly decided.
    private async Task ChecksAsync(CancellationToken cancellationToken)
    {
        var session = plan.Session;
        sink.Progress($"board {session.Name}: connecting via {session.Description}");
        await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (!models.All(m => _decided.Contains((m.Label, QualifyChecks.Settings)))) await SettingsAsync(cancellationToken).ConfigureAwait(false);
        sink.Board(Describe());
        foreach (var model in models.Where(m => !QualifyChecks.All.All(c => _decided.Contains((m.Label, c)))))
            await ModelAsync(model, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsInfrastructure(Exception e) =>
        e is InfrastructureFailureException or BoardFailureException { Class: FailureClass.Infrastructure } or IOException or TimeoutException;

    private static string Reason(Exception e) => e is BoardFailureException b ? $"{b.Code}: {b.InnerException?.Message ?? b.Message}" : e.Message;

    private ReportBoard Describe()
    {
        IEnumerable<(string, string)> sensors = plan.Power.Meter is { } meter && plan.HasCeiling ? [(meter.Spec, _source ?? "not sampled")] : [];
        return ReportBoards.From(plan.Session, plan.Profile?.Name, sensors, calibration);
    }

    private string? _source;

    private async Task SettingsAsync(CancellationToken cancellationToken)
    {
        var pinned = plan.Power.Settings;
        CheckResult Verdict(QualifyVerdicts v, AppliedSettings? applied) => pinned.IsEmpty
            ? v.Settings(null, null)
            : v.Settings(applied?.Describe() ?? "", applied?.Mismatches().Select(AppliedSettings.Describe).ToList());
        AppliedSettings? read = null;
        if (!pinned.IsEmpty)
        {
            try
            {
                read = await plan.Session.ApplySettingsAsync(pinned, cancellationToken).ConfigureAwait(false);
            }
            catch (BoardFailureException e) when (e.Code == FailureCodes.SettingMismatch)
            {
                // The board does not hold its settings: that fails the check; the model's own checks still say something.
                read = plan.Session.LastSettings;
            }
        }
        foreach (var model in models) Decide(Verdict(new QualifyVerdicts(plan.Name, model.Label), read));
    }

    private async Task ModelAsync(QualifyModel model, CancellationToken cancellationToken)
    {
        var verdicts = new QualifyVerdicts(plan.Name, model.Label);
        var session = plan.Session;
        var step = QualifyChecks.Agreement;
        try
        {
            sink.Progress($"board {plan.Name}: {model.Label}: scoring on {data.Describe(model.IsSst2)}");
            var evaluation = await session.EvaluateAsync(model.Path, data.Request(model.IsSst2), cancellationToken).ConfigureAwait(false);
            Agreement(model, verdicts, evaluation);
            step = QualifyChecks.Memory;
            sink.Progress(FormattableString.Invariant($"board {plan.Name}: {model.Label}: timing {plan.Run.Repeats} repeats of {plan.Run.Tokens} tokens"));
            var run = await session.RunAsync(model.Path, plan.Run, null, cancellationToken).ConfigureAwait(false);
            var peak = new[] { evaluation.PeakRssBytes, run.PeakRssBytes }.Max();
            if (peak is { } bytes) Measure(model, Quantities.PeakMemory, bytes, null, "B");
            Decide(verdicts.Memory(peak, plan.Budget.Resolve(session.Agent), plan.Budget.Source));
            Latency(model, verdicts, run);
            step = QualifyChecks.Power;
            await PowerAsync(model, verdicts, run, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFailureException e) when (e.Class == FailureClass.Candidate)
        {
            // The model itself failed on the board (it did not load, ran out of memory): the check it was at fails.
            var why = $"failed on the board: {e.Code}: {e.InnerException?.Message ?? e.Message}";
            sink.Progress($"board {plan.Name}: {model.Label}: {why}");
            var failed = e.Code is ErrorCodes.OutOfMemory ? QualifyChecks.Memory : step;
            Decide(verdicts.FailedOnBoard(failed, why));
            foreach (var check in QualifyChecks.All.Where(c => !_decided.Contains((model.Label, c))))
                Decide(verdicts.Unreached(check, $"not reached: the model failed its {failed} check on the board"));
        }
    }

    private void Agreement(QualifyModel model, QualifyVerdicts verdicts, EvaluationResult evaluation)
    {
        var answer = host[model.Label];
        var quantity = model.IsSst2 ? Quantities.Accuracy : Quantities.Perplexity;
        var unit = model.IsSst2 ? "fraction" : "perplexity";
        sink.Measurement(new MeasurementRecord("host", model.Label, Quantities.HostMetric, answer.Metric, null, unit));
        Measure(model, quantity, evaluation.Metric, null, unit);
        Decide(model.IsSst2
            ? verdicts.Predictions(answer.Predictions, evaluation.Predictions, plan.Targets.Agreement)
            : verdicts.Perplexity(answer.Metric, evaluation.Metric, plan.Targets.Agreement));
    }

    private void Latency(QualifyModel model, QualifyVerdicts verdicts, RunResult run)
    {
        var latency = LatencyPercentiles.Of(run);
        Measure(model, Quantities.LatencyP50, latency.P50Ms, null, "ms");
        Measure(model, Quantities.LatencyP99, latency.P99Ms, null, "ms");
        Decide(verdicts.Latency(QualifyChecks.LatencyP50, latency.P50Ms, plan.Targets.LatencyP50Ms, latency.Method));
        Decide(verdicts.Latency(QualifyChecks.LatencyP99, latency.P99Ms, plan.Targets.LatencyP99Ms, latency.Method));
    }

    // Power is measured only to be held to a ceiling: windows take minutes a check without a ceiling would not use.
    private async Task PowerAsync(QualifyModel model, QualifyVerdicts verdicts, RunResult run, CancellationToken cancellationToken)
    {
        var targets = plan.Targets;
        if (!plan.HasCeiling)
        {
            Decide(verdicts.Unmeasured(QualifyChecks.Power, null, "W", "no power ceiling set (max_watts): no power windows run"));
            Decide(verdicts.Unmeasured(QualifyChecks.Energy, null, "J", "no energy ceiling set (max_joules_per_token): no power windows run"));
            return;
        }
        double watts, joules;
        double? wattsCi, joulesCi;
        SourceTag source;
        if (plan.Power.Meter is { } meter)
        {
            sink.Progress($"board {plan.Name}: {model.Label}: power in windows, {plan.Power.WindowsText}");
            IBoardWindows windows = new SessionBoardWindows(plan.Session);
            if (plan.Power.HostSimulation is { } simulated) windows = new BusyWhileRunningWindows(windows, simulated);
            LabResult result;
            try
            {
                result = await new LabMeasurement(windows, meter, plan.Power.Rules).MeasureAsync(model.Path, null, seed: 1, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new InfrastructureFailureException($"board {plan.Name}: meter {meter.Spec}: {e.Message}", e);
            }
            (watts, wattsCi, joules, joulesCi, source) = (result.Baseline.GrossWatts, result.Baseline.GrossWattsCi95, result.Baseline.GrossJoulesPerToken, result.Baseline.GrossJoulesPerTokenCi95, result.Source);
            Measure(model, Quantities.IdlePower, result.IdleWatts, null, "W", source);
            foreach (var w in result.Windows)
                sink.Window(new ReportWindow(plan.Name, w.Order, w.Side is null ? "idle" : model.Label, w.Side is null ? -1 : w.Repeat, w.Kept, w.StartSeconds, w.StopSeconds,
                    w.GrossWatts, w.Side is null ? 0 : w.NetJoulesPerToken, w.Throttled, w.Source.ToString()));
        }
        else
        {
            using var runtime = SpikeGptRuntime.Open(model.Path);
            var estimate = BoardPower.Estimate(run, runtime.WeightBytesPerToken(runtime.HasLmHead));
            (watts, wattsCi, joules, joulesCi, source) = (estimate.Watts, estimate.Ci95Watts, estimate.JoulesPerToken, null, estimate.Source);
        }
        _source = source.ToString();
        Measure(model, Quantities.Power, watts, wattsCi, "W", source);
        Measure(model, Quantities.EnergyPerToken, joules, joulesCi, "J", source);
        Decide(verdicts.Ceiling(QualifyChecks.Power, watts, wattsCi, targets.MaxWatts, "W", source));
        Decide(verdicts.Ceiling(QualifyChecks.Energy, joules, joulesCi, targets.MaxJoulesPerToken, "J", source));
    }

    private void Measure(QualifyModel model, string quantity, double value, double? ci95, string unit, SourceTag? source = null) =>
        sink.Measurement(new MeasurementRecord(plan.Name, model.Label, quantity, value, ci95, unit, source?.ToString()));

    // A check decided before a power cycle stays as it was decided.
    private void Decide(CheckResult check)
    {
        if (_decided.Add((check.Model, check.Check))) sink.Check(check);
    }
}
