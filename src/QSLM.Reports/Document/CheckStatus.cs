namespace QSLM.Reports.Document;

/// <summary>A check's outcome. A check with no threshold is <see cref="NotRun"/>, never <see cref="Passed"/>; a board or
/// link that failed is <see cref="Error"/> (infrastructure), never <see cref="Failed"/> (the model's fault).</summary>
public enum CheckStatus
{
    /// <summary>Measured, and within its threshold.</summary>
    Passed,

    /// <summary>Measured, and outside its threshold: the model or its build does not qualify.</summary>
    Failed,

    /// <summary>Not measured against anything: no threshold was given, or an earlier step did not reach it.</summary>
    NotRun,

    /// <summary>The infrastructure failed before the check could say anything about the model.</summary>
    Error,
}
