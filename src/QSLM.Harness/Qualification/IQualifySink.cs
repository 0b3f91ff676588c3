using QSLM.History.Records;
using QSLM.Reports.Document;

namespace QSLM.Harness.Qualification;

/// <summary>Hears a qualification as it happens: each board as it comes up, each figure as it is taken and each check
/// as it is decided, so the history holds them the moment they exist.</summary>
public interface IQualifySink
{
    /// <summary>A board came up (again for the same board: the later one wins).</summary>
    void Board(ReportBoard board);

    /// <summary>A figure was taken.</summary>
    void Measurement(MeasurementRecord measurement);

    /// <summary>A power window was measured (the idle window included).</summary>
    void Window(ReportWindow window);

    /// <summary>A check was decided.</summary>
    void Check(CheckResult check);

    /// <summary>A board failed for infrastructure and was brought back (power-cycled) so the run went on: counted
    /// as infrastructure, never against a model.</summary>
    void Incident(string board, string what);

    /// <summary>A line for the console.</summary>
    void Progress(string line);
}
