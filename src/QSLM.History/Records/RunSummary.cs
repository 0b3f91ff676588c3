namespace QSLM.History.Records;

/// <summary>One run as <c>qslm history</c> lists it.</summary>
/// <param name="Id">Its id (what <c>qslm regress --against</c> takes).</param>
/// <param name="Kind">What it did.</param>
/// <param name="Label">One line for people.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Outcome">Its outcome in words (a verdict, pass/fail counts), once it has one.</param>
/// <param name="Started">When it began, UTC.</param>
/// <param name="Ended">When it ended, UTC, or null.</param>
/// <param name="Folder">Its run folder.</param>
/// <param name="Operator">Who ran it.</param>
/// <param name="Host">The machine that ran it.</param>
/// <param name="Boards">The boards it recorded.</param>
/// <param name="Models">The models it recorded measurements or verdicts of.</param>
/// <param name="Measurements">Measurements it committed.</param>
public sealed record RunSummary(
    string Id,
    RunKind Kind,
    string Label,
    RunStatus Status,
    string? Outcome,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    string? Folder,
    string? Operator,
    string Host,
    IReadOnlyList<string> Boards,
    IReadOnlyList<string> Models,
    int Measurements);
