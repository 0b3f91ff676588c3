namespace QSLM.Harness.History;

/// <summary>What importing one run folder did.</summary>
/// <param name="Folder">The folder, in full.</param>
/// <param name="RunId">The run that holds it: the new one, or the one an earlier import made.</param>
/// <param name="AlreadyImported">Whether an earlier import of the same content was found (nothing was written).</param>
/// <param name="Candidates">Candidate rows it holds.</param>
/// <param name="Measurements">Figures it holds.</param>
public sealed record SearchImportResult(string Folder, string RunId, bool AlreadyImported, int Candidates, int Measurements);
