namespace QSLM.Harness.Qualification;

/// <summary>The checks a team signs off for a model on a board, by the names the reports and the history use, in
/// the order each board runs them.</summary>
public static class QualifyChecks
{
    /// <summary>The profile's settings, read back, equal what was pinned.</summary>
    public const string Settings = "settings";

    /// <summary>The board's predictions equal the host's on the same data and the same packed file.</summary>
    public const string Agreement = "agreement";

    /// <summary>The peak resident memory lies within the profile's budget.</summary>
    public const string Memory = "memory";

    /// <summary>The median per-token latency lies within its target.</summary>
    public const string LatencyP50 = "latency-p50";

    /// <summary>The 99th-percentile per-token latency lies within its target.</summary>
    public const string LatencyP99 = "latency-p99";

    /// <summary>The mean power lies under its ceiling, at the upper end of its 95% interval.</summary>
    public const string Power = "power";

    /// <summary>The energy per token lies under its ceiling, at the upper end of its 95% interval.</summary>
    public const string Energy = "energy";

    /// <summary>Every check, in the order a board runs them.</summary>
    public static IReadOnlyList<string> All { get; } = [Settings, Agreement, Memory, LatencyP50, LatencyP99, Power, Energy];
}
