namespace QSLM.History.Records;

/// <summary>One check's outcome for a board and a model (a qualification's check, a claim's verdict, a regression's comparison).</summary>
/// <param name="Board">The board.</param>
/// <param name="Model">The model's label.</param>
/// <param name="Check">The check's name.</param>
/// <param name="Status"><c>passed</c>, <c>failed</c>, <c>not run</c>, <c>error</c>, or a claim's <c>supported</c>, <c>contradicted</c>, <c>inconclusive</c>.</param>
/// <param name="Measured">The figure checked, if one was.</param>
/// <param name="Threshold">What it was held to, if anything.</param>
/// <param name="Unit">The figures' unit.</param>
/// <param name="Detail">One line for people: why.</param>
public sealed record VerdictRecord(string Board, string Model, string Check, string Status, double? Measured, double? Threshold, string? Unit, string Detail);
