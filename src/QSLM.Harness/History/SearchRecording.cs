using QSLM.Boards.Sessions;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Search.Results;

namespace QSLM.Harness.History;

/// <summary>
/// A search recording itself into the run history as it goes: each candidate's row and figures as the ledger reports
/// them (<see cref="SearchRecords"/>), and the power windows behind each board measurement from the windows log, each
/// committed at once, so a search killed midway leaves an interrupted run with everything it completed.
/// </summary>
/// <param name="run">The run's recorder.</param>
/// <param name="board">The board the search measures on, or null for a host-only search.</param>
/// <param name="windowsLog">The search's windows log, or null.</param>
public sealed class SearchRecording(IRunRecorder run, string? board, string? windowsLog) : IDisposable
{
    private readonly Dictionary<int, int> _windowsRecorded = [];

    /// <summary>The run's id.</summary>
    public string RunId => run.RunId;

    /// <summary>Records the board as its agent identified it, with the settings it read back.</summary>
    public void Board(BoardSession session, string? profile)
    {
        var identity = session.Agent?.Identity;
        run.Board(new BoardRecord(session.Name, profile, identity?.HostName, identity?.Model, identity?.Serial, identity?.Kernel, identity?.Firmware, session.LastSettings?.Describe()));
    }

    /// <summary>Records a candidate's log row as the ledger reports it, its figures, and its new power windows.</summary>
    /// <param name="row">The row.</param>
    /// <param name="measuredOn">The board that measured it where the search measures on several, else null (the search's board).</param>
    public void Candidate(CandidateRow row, string? measuredOn = null)
    {
        var on = measuredOn ?? board;
        run.Candidate(SearchRecords.Candidate(row));
        foreach (var m in SearchRecords.Measurements(row, on)) run.Measurement(m);
        if (windowsLog is null || on is null || row.PowerWatts is null) return;
        var windows = WindowLogRow.Read(windowsLog).Where(w => w.Candidate == row.Candidate).ToList();
        var done = _windowsRecorded.GetValueOrDefault(row.Candidate);
        foreach (var window in windows.Skip(done))
        {
            foreach (var m in SearchRecords.Measurements(window, on)) run.Measurement(m);
        }
        _windowsRecorded[row.Candidate] = Math.Max(done, windows.Count);
    }

    /// <summary>Records the run's end.</summary>
    public void Finish(RunStatus status, string outcome) => run.Finish(status, outcome);

    /// <inheritdoc />
    public void Dispose() => run.Dispose();
}
