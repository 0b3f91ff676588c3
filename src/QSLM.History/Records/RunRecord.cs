namespace QSLM.History.Records;

/// <summary>Everything a run recorded, as read back.</summary>
/// <param name="Summary">The run's line.</param>
/// <param name="CommandLine">The command that started it.</param>
/// <param name="Provenance">Its provenance keys and values.</param>
/// <param name="Boards">Its boards.</param>
/// <param name="Candidates">Its candidates, in the order recorded.</param>
/// <param name="Measurements">Its measurements, in the order taken.</param>
/// <param name="Verdicts">Its verdicts, in the order given.</param>
public sealed record RunRecord(
    RunSummary Summary,
    string? CommandLine,
    IReadOnlyDictionary<string, string> Provenance,
    IReadOnlyList<BoardRecord> Boards,
    IReadOnlyList<CandidateRecord> Candidates,
    IReadOnlyList<MeasurementRecord> Measurements,
    IReadOnlyList<VerdictRecord> Verdicts);
