namespace QSLM.Reports.Document;

/// <summary>Who ran what, where and when.</summary>
/// <param name="QslmVersion">QSLM's informational version.</param>
/// <param name="Commit">The git commit QSLM was built from, when known.</param>
/// <param name="Operator">Who ran it (<c>--operator</c>), or null when not given.</param>
/// <param name="HostName">The host that ran QSLM.</param>
/// <param name="CommandLine">The command as typed.</param>
/// <param name="Started">When the run began (UTC).</param>
/// <param name="Ended">When it ended (UTC).</param>
/// <param name="WindowRules">The measurement windows' rules in words, where the run measured power in windows.</param>
public sealed record ReportProvenance(string QslmVersion, string? Commit, string? Operator, string HostName, string CommandLine, DateTimeOffset Started, DateTimeOffset Ended, string? WindowRules);
