using QSLM.Harness.Reporting;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Reports.Document;

namespace QSLM.Harness.Qualification;

/// <summary>Records a qualification in the run history as it happens (each call committed at once) and passes its
/// lines on to the console.</summary>
/// <param name="recorder">The run's recorder.</param>
/// <param name="console">Where progress lines go.</param>
public sealed class HistoryQualifySink(IRunRecorder recorder, Action<string> console) : IQualifySink
{
    /// <inheritdoc />
    public void Board(ReportBoard board) => recorder.Board(ReportBoards.Record(board));

    /// <inheritdoc />
    public void Measurement(MeasurementRecord measurement) => recorder.Measurement(measurement);

    /// <inheritdoc />
    public void Check(CheckResult check)
    {
        recorder.Verdict(new VerdictRecord(check.Board, check.Model, check.Check, StatusWord(check.Status), check.Measured, check.Threshold, check.Unit, check.Detail));
        console($"{check.Board} {check.Model} {check.Check}: {StatusWord(check.Status)}: {check.Detail}");
    }

    /// <inheritdoc />
    public void Progress(string line) => console(line);

    /// <summary>A check's status as the history and the console write it: <c>passed</c>, <c>failed</c>, <c>not run</c>, <c>error</c>.</summary>
    public static string StatusWord(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        CheckStatus.NotRun => "not run",
        _ => "error",
    };
}
