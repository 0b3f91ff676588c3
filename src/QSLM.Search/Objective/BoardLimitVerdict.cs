using QSLM.Sensors.Board;

namespace QSLM.Search.Objective;

/// <summary>What <see cref="BoardLimits.Check"/> found of one board measurement.</summary>
/// <param name="Violations">Each bound the measurement does not meet, in words with its figure, unit and source.</param>
/// <param name="EstimatedSource">The source of the power and energy figures when a bound on them was decided by an
/// estimate (<c>estimated:&lt;model&gt;</c>, where the board has no sensor), so whoever reads the verdict sees it; else null.</param>
public sealed record BoardLimitVerdict(IReadOnlyList<string> Violations, SourceTag? EstimatedSource)
{
    /// <summary>Whether every bound is met.</summary>
    public bool Met => Violations.Count == 0;

    /// <summary>The verdict in words: the violations, or that the bounds are met (and by an estimate, where one decided).</summary>
    public override string ToString() =>
        Met
            ? EstimatedSource is { } estimate ? $"board limits met by estimated figures ({estimate})" : "board limits met"
            : string.Join("; ", Violations) + (EstimatedSource is { } e ? $" (estimated figures: {e})" : "");
}
