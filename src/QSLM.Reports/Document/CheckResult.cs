namespace QSLM.Reports.Document;

/// <summary>One check of one model on one board: a JUnit test case.</summary>
/// <param name="Board">The board's name.</param>
/// <param name="Model">The model's label.</param>
/// <param name="Check">The check's name (<c>agreement</c>, <c>memory</c>, <c>latency-p50</c>, <c>power</c>, <c>claim</c>...).</param>
/// <param name="Status">Its outcome.</param>
/// <param name="Measured">The figure checked, if any.</param>
/// <param name="Threshold">The threshold it was held to, if any.</param>
/// <param name="Unit">The unit of both.</param>
/// <param name="Detail">One line: what was compared and why it passed, failed, was not run or erred.</param>
/// <param name="Source">Where a power figure came from (<c>measured:</c>, <c>simulated:</c>, <c>estimated:</c>), else null.</param>
/// <param name="Seconds">How long the check took.</param>
public sealed record CheckResult(string Board, string Model, string Check, CheckStatus Status, double? Measured, double? Threshold, string? Unit, string Detail, string? Source = null, double Seconds = 0);
