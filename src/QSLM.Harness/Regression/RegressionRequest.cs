namespace QSLM.Harness.Regression;

/// <summary>What <c>qslm regress</c> is asked to compare.</summary>
/// <param name="BaselineRunId">The baseline run's id.</param>
/// <param name="RunId">The run held against it, or null for the newest completed run of the baseline's kind.</param>
/// <param name="Thresholds">How far it may fall behind.</param>
/// <param name="TrendRuns">How many of the latest completed runs of the same kind the trend plots show (0 for none).</param>
/// <param name="OutputFolder">Where the reports go.</param>
/// <param name="CommandLine">The command as typed.</param>
/// <param name="Operator">Who runs it, or null.</param>
public sealed record RegressionRequest(string BaselineRunId, string? RunId, RegressionThresholds Thresholds, int TrendRuns, string OutputFolder, string CommandLine, string? Operator);
