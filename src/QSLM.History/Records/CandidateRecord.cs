namespace QSLM.History.Records;

/// <summary>A model a run considered: a search's candidate, or a claim's or qualification's model.</summary>
/// <param name="Model">Its label (candidate number, file name, <c>baseline</c>).</param>
/// <param name="Sha256">The packed file's hash, when it was packed.</param>
/// <param name="Precisions">Its precisions in words, when a search chose them.</param>
/// <param name="Status">The search's status of it (feasible, infeasible, failed), or what the run did with it.</param>
/// <param name="HostValue">The host's metric of it.</param>
/// <param name="Bytes">Its packed size.</param>
/// <param name="Objective">Its objective, for a search.</param>
public sealed record CandidateRecord(string Model, string? Sha256, string? Precisions, string Status, double? HostValue, long? Bytes, double? Objective);
