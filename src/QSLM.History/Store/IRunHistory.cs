using QSLM.History.Records;

namespace QSLM.History.Store;

/// <summary>
/// Where runs are recorded as they happen and read back: the embedded SQLite file by default
/// (<see cref="SqliteRunHistory"/>); a store several farm hosts share can stand behind the same seam.
/// </summary>
public interface IRunHistory : IDisposable
{
    /// <summary>Where the store is, for messages (a path; never a password).</summary>
    string Location { get; }

    /// <summary>Records the start of a run (status running) and returns what records the rest of it.</summary>
    IRunRecorder Begin(RunStart start);

    /// <summary>The runs that match <paramref name="filter"/>, newest first. A run whose process died without
    /// recording its end reads as <see cref="RunStatus.Interrupted"/>.</summary>
    IReadOnlyList<RunSummary> List(RunFilter filter);

    /// <summary>Everything run <paramref name="runId"/> recorded, or null if there is no such run.</summary>
    RunRecord? Load(string runId);
}

/// <summary>Records one run. Each call is committed before it returns, so a run killed midway keeps everything
/// recorded before. Disposed without <see cref="Finish"/>, the run is recorded as interrupted.</summary>
public interface IRunRecorder : IDisposable
{
    /// <summary>The run's id.</summary>
    string RunId { get; }

    /// <summary>Records a board the run uses (again for the same name: the later record wins).</summary>
    void Board(BoardRecord board);

    /// <summary>Records a model the run considered.</summary>
    void Candidate(CandidateRecord candidate);

    /// <summary>Records a figure as it is taken.</summary>
    void Measurement(MeasurementRecord measurement);

    /// <summary>Records a check's outcome.</summary>
    void Verdict(VerdictRecord verdict);

    /// <summary>Adds or replaces provenance keys learnt during the run (a board's identity, a model's hash).</summary>
    void Provenance(IReadOnlyDictionary<string, string> values);

    /// <summary>Records the run's end: its status and its outcome in words.</summary>
    void Finish(RunStatus status, string? outcome);
}
