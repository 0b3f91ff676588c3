using QSLM.Reports.Document;

namespace QSLM.Harness.Regression;

/// <summary>What a regression check found and wrote.</summary>
/// <param name="Report">The report.</param>
/// <param name="Files">The report's files.</param>
/// <param name="RegressRunId">The regress run's id in the history.</param>
public sealed record RegressionOutcome(RunReport Report, IReadOnlyList<string> Files, string RegressRunId)
{
    /// <summary>Whether any check failed (exit code 1).</summary>
    public bool Failed => Report.Checks.Any(c => c.Status == CheckStatus.Failed);
}
