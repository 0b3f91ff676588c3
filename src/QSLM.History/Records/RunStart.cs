namespace QSLM.History.Records;

/// <summary>What is known of a run when it begins.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Label">One line for people (the claim, the models and boards).</param>
/// <param name="Folder">Its run folder (reports, CSVs), or null.</param>
/// <param name="CommandLine">The command that started it.</param>
/// <param name="Operator">Who ran it (<c>--operator</c>), or null.</param>
/// <param name="Provenance">QSLM version and commit, model hashes, window rules: keys and values as the run's report states them.</param>
public sealed record RunStart(RunKind Kind, string Label, string? Folder, string CommandLine, string? Operator, IReadOnlyDictionary<string, string> Provenance);
