using QSLM.Boards.Profiles;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Reports.Document;
using QSLM.Harness.Verification;

namespace QSLM.Harness.Qualification;

/// <summary>
/// Decides one model's checks on one board from what the board's agent already answered (a farm job's transcript:
/// its hello, its scoring and its timed run), with the verdicts <see cref="BoardQualifier"/> uses, so a model checked
/// through a farm meets the same rules as one checked directly. Power is not measured there: a power or energy check
/// with a ceiling is not run and says why.
/// </summary>
/// <param name="board">The board (device) that ran it.</param>
/// <param name="targets">What a model must meet there.</param>
/// <param name="sink">Hears every figure and check.</param>
/// <param name="noPowerReason">Why power is not measured there, for a check whose ceiling is set.</param>
public sealed class RecordedBoardChecks(string board, QualifyTargets targets, IQualifySink sink, string noPowerReason)
{
    /// <summary>The agent's answers for one model: each is the agent's reply, or null where the session ended before it.</summary>
    /// <param name="Hello">The agent's hello.</param>
    /// <param name="Evaluation">Its scoring, or the error it answered.</param>
    /// <param name="Run">Its timed run, or the error it answered.</param>
    public sealed record Answers(HelloReply? Hello, Message? Evaluation, Message? Run);

    /// <summary>Decides every check of <paramref name="model"/> from <paramref name="answers"/>.</summary>
    public void Decide(QualifyModel model, HostAnswer host, Answers answers)
    {
        var verdicts = new QualifyVerdicts(board, model.Label);
        if (answers.Hello is null)
        {
            Error(model, "infrastructure failure: the agent never answered its hello");
            return;
        }
        Check(verdicts.Settings(null, null));
        var step = QualifyChecks.Agreement;
        if (Failure(model, verdicts, answers.Evaluation, step) || answers.Evaluation is not EvaluationResult evaluation) return;
        Agreement(model, verdicts, host, evaluation);
        step = QualifyChecks.Memory;
        if (Failure(model, verdicts, answers.Run, step) || answers.Run is not RunResult run) return;
        var peak = new[] { evaluation.PeakRssBytes, run.PeakRssBytes }.Max();
        if (peak is { } bytes) Measure(model, Quantities.PeakMemory, bytes, "B");
        var budget = BoardMemoryBudget.Of(null);
        Check(verdicts.Memory(peak, budget.Resolve(answers.Hello), budget.Source));
        var latency = LatencyPercentiles.Of(run);
        Measure(model, Quantities.LatencyP50, latency.P50Ms, "ms");
        Measure(model, Quantities.LatencyP99, latency.P99Ms, "ms");
        Check(verdicts.Latency(QualifyChecks.LatencyP50, latency.P50Ms, targets.LatencyP50Ms, latency.Method));
        Check(verdicts.Latency(QualifyChecks.LatencyP99, latency.P99Ms, targets.LatencyP99Ms, latency.Method));
        Check(targets.MaxWatts is { } watts
            ? verdicts.Unmeasured(QualifyChecks.Power, watts, "W", noPowerReason)
            : verdicts.Unmeasured(QualifyChecks.Power, null, "W", "no power ceiling set (max_watts): no power windows run"));
        Check(targets.MaxJoulesPerToken is { } joules
            ? verdicts.Unmeasured(QualifyChecks.Energy, joules, "J", noPowerReason)
            : verdicts.Unmeasured(QualifyChecks.Energy, null, "J", "no energy ceiling set (max_joules_per_token): no power windows run"));
    }

    /// <summary>Every check of <paramref name="model"/> an error: the board failed for infrastructure before deciding it.</summary>
    public void Error(QualifyModel model, string why)
    {
        var verdicts = new QualifyVerdicts(board, model.Label);
        foreach (var check in QualifyChecks.All) Check(verdicts.Error(check, why));
    }

    // An agent's error reply: the model's own failure (it did not load, ran out of memory, its run failed) fails the check
    // it was at and leaves the rest unreached; any other reply, or none, is the board's and leaves them errors (a model
    // that arrived damaged is deleted unrun by the agent and reads as missing: the transfer's fault, not the model's).
    private bool Failure(QualifyModel model, QualifyVerdicts verdicts, Message? answer, string step)
    {
        var remaining = QualifyChecks.All.SkipWhile(c => c != step).ToList();
        switch (answer)
        {
            case EvaluationResult or RunResult:
                return false;
            case ErrorReply { Code: ErrorCodes.ModelInvalid or ErrorCodes.OutOfMemory or ErrorCodes.RunFailed } error:
                var failed = error.Code is ErrorCodes.OutOfMemory ? QualifyChecks.Memory : step;
                var why = $"failed on the board: {error.Code}: {error.Message}";
                sink.Progress($"board {board}: {model.Label}: {why}");
                foreach (var check in remaining)
                    Check(check == failed ? verdicts.FailedOnBoard(check, why) : verdicts.Unreached(check, $"not reached: the model failed its {failed} check on the board"));
                return true;
            default:
                var reason = answer is ErrorReply other
                    ? $"infrastructure failure: {other.Code}: {other.Message}"
                    : "infrastructure failure: the agent's session ended before it answered";
                foreach (var check in remaining) Check(verdicts.Error(check, reason));
                return true;
        }
    }

    private void Agreement(QualifyModel model, QualifyVerdicts verdicts, HostAnswer host, EvaluationResult evaluation)
    {
        var quantity = model.IsSst2 ? Quantities.Accuracy : Quantities.Perplexity;
        var unit = model.IsSst2 ? "fraction" : "perplexity";
        sink.Measurement(new MeasurementRecord("host", model.Label, Quantities.HostMetric, host.Metric, null, unit));
        Measure(model, quantity, evaluation.Metric, unit);
        Check(model.IsSst2
            ? verdicts.Predictions(host.Predictions, evaluation.Predictions, targets.Agreement)
            : verdicts.Perplexity(host.Metric, evaluation.Metric, targets.Agreement));
    }

    private void Measure(QualifyModel model, string quantity, double value, string unit) =>
        sink.Measurement(new MeasurementRecord(board, model.Label, quantity, value, null, unit));

    private void Check(CheckResult check) => sink.Check(check);
}
