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
    public void Window(ReportWindow window)
    {
        // A model's window is a figure of that model; the idle window is its run's, kept in the report.
        if (window.Repeat >= 0)
            recorder.Measurement(new MeasurementRecord(window.Board, window.Side, Quantities.Power, window.Watts, null, "W", window.Source, window.Index));
    }

    /// <inheritdoc />
    public void Check(CheckResult check)
    {
        recorder.Verdict(new VerdictRecord(check.Board, check.Model, check.Check, StatusWord(check.Status), check.Measured, check.Threshold, check.Unit, check.Detail));
        console($"{check.Board} {check.Model} {check.Check}: {StatusWord(check.Status)}: {check.Detail}");
    }

    private int _incidents;

    /// <summary>The provenance key prefix of an infrastructure incident: <c>infrastructure_incident.N</c>, valued <c>board NAME: what</c>.</summary>
    public const string IncidentKey = "infrastructure_incident.";

    /// <inheritdoc />
    public void Incident(string board, string what)
    {
        _incidents++;
        recorder.Provenance(new Dictionary<string, string> { [IncidentKey + _incidents.ToString(System.Globalization.CultureInfo.InvariantCulture)] = $"board {board}: {what}" });
        console($"board {board}: infrastructure incident: {what}");
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
