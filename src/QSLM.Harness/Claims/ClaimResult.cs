using QSLM.Reports.Document;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Claims;

/// <summary>What a claim run found.</summary>
/// <param name="Outcome">The claim's verdict, or null when it was not measured (a model did not give the host's answers on the board).</param>
/// <param name="Interval">The paired interval the verdict rests on, when measured.</param>
/// <param name="Agreement">Both models' agreement checks, baseline first.</param>
/// <param name="Report">The report written.</param>
/// <param name="Folder">The run folder.</param>
/// <param name="Files">The files written there.</param>
/// <param name="RunId">The run's id in the history.</param>
public sealed record ClaimResult(ClaimOutcome? Outcome, ClaimInterval? Interval, IReadOnlyList<AgreementCheck> Agreement, RunReport Report, string Folder, IReadOnlyList<string> Files, string RunId);
