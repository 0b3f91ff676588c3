namespace QSLM.Reports.Document;

/// <summary>
/// What one run found, in the form every report of it is written from: the same content as HTML for people, as
/// Markdown for a repository, as versioned JSON for programs, and as JUnit XML for CI servers. A report carries its
/// own provenance, so a signed copy says what was measured, on which board, with what, by whom and when.
/// </summary>
public sealed record RunReport
{
    /// <summary>The JSON schema version this QSLM writes (<see cref="SchemaVersion"/>); a reader refuses a newer one.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The version of the JSON layout.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>What kind of run: <c>claim</c>, <c>qualify</c>, <c>regress</c> or <c>search</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The report's title (what was claimed or qualified).</summary>
    public required string Title { get; init; }

    /// <summary>The run's id in the history, when it was recorded.</summary>
    public string? RunId { get; init; }

    /// <summary>The run's verdict in one line, as the report leads with it (e.g. "supported", "2 failed, 9 passed, 1 not run").</summary>
    public required string Verdict { get; init; }

    /// <summary>The run's overall status, which sets the page's colour and the exit code.</summary>
    public required CheckStatus Status { get; init; }

    /// <summary>Who ran what, where, when and with which inputs.</summary>
    public required ReportProvenance Provenance { get; init; }

    /// <summary>The boards, as identified by their agents.</summary>
    public IReadOnlyList<ReportBoard> Boards { get; init; } = [];

    /// <summary>The models, with their hashes.</summary>
    public IReadOnlyList<ReportModel> Models { get; init; } = [];

    /// <summary>Every check, one per board × model × check.</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>The claim's figures and verdict, for a claim run.</summary>
    public ClaimSection? Claim { get; init; }

    /// <summary>Every measurement window (idle, baseline and candidate), where the run measured in windows.</summary>
    public IReadOnlyList<ReportWindow> Windows { get; init; } = [];

    /// <summary>The meters' samples over the run, for the trace plots.</summary>
    public IReadOnlyList<ReportTrace> Traces { get; init; } = [];

    /// <summary>Plots, drawn for this report (embedded in the HTML, written beside the Markdown).</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>Further lines for people (warnings, what was not measured and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
