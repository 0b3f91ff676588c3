using QSLM.Errors;

namespace QSLM.Search.Objective;

/// <summary>
/// The quantity the search maximises over feasible candidates (docs/search.md, "The objective"):
/// <c>J = A + alpha·M + beta·P</c>, where <c>A</c> is the metric's relative change from the fp32
/// baseline in the direction of better (accuracy: <c>(acc − acc₀)/acc₀</c>; perplexity:
/// <c>(ppl₀ − ppl)/ppl₀</c>), <c>M = 1 − bytes/bytes_fp32</c> is the memory saving and
/// <c>P = 1 − E/E₀</c> the power saving measured on the board, as energy per token of the same
/// timed workload against the fp32 baseline's (a slower candidate at the same power saves nothing;
/// 0 where it was not measured). A
/// candidate is feasible when it meets constA, fits constM and ran on the board, and under
/// <see cref="Limits"/> (latency, power, energy per token) only once the board's measurement meets them.
/// alpha = 0 picks the most accurate feasible candidate; a larger alpha trades accuracy for memory.
/// </summary>
public sealed record SearchObjective(AccuracyConstraint ConstA, long? ConstM, double Alpha, double Beta = 0)
{
    /// <summary>The largest alpha and beta: each weighs a saving of at most 1 against an accuracy term
    /// of a few hundredths, so a weight past 100 lets the saving alone decide, and is a typo.</summary>
    public const double MaxWeight = 100;

    /// <summary>Bounds on the board's latency, power and energy per token (none by default).</summary>
    public BoardLimits Limits { get; init; } = BoardLimits.None;

    /// <summary>Validates the settings.</summary>
    /// <exception cref="InputException">alpha or beta negative, above <see cref="MaxWeight"/> or not finite, constM or a board bound not positive.</exception>
    public SearchObjective Validate()
    {
        if (!double.IsFinite(Alpha) || Alpha < 0) throw new InputException($"alpha must be a finite number >= 0, got {Alpha}");
        if (!double.IsFinite(Beta) || Beta < 0) throw new InputException($"the power weight must be a finite number >= 0, got {Beta}");
        if (Alpha > MaxWeight) throw new InputException(FormattableString.Invariant($"alpha must be at most {MaxWeight}, got {Alpha}"));
        if (Beta > MaxWeight) throw new InputException(FormattableString.Invariant($"the power weight must be at most {MaxWeight}, got {Beta}"));
        if (ConstM is <= 0) throw new InputException($"constM must be a positive number of bytes, got {ConstM}");
        Limits.Validate();
        return this;
    }

    /// <summary>The accuracy term <c>A</c>.</summary>
    public double AccuracyTerm(double metric, double baseline) => ConstA.Metric == MetricKind.Accuracy
        ? (metric - baseline) / baseline
        : (baseline - metric) / baseline;

    /// <summary><c>J</c> for a candidate.</summary>
    /// <param name="metric">Its accuracy or perplexity.</param>
    /// <param name="baseline">The fp32 model's.</param>
    /// <param name="bytes">Its packed bytes.</param>
    /// <param name="fp32Bytes">The fp32 model's packed bytes.</param>
    /// <param name="powerSaving">Measured <c>1 − E/E₀</c> (energy per token against the baseline's), or null.</param>
    public double Score(double metric, double baseline, long bytes, long fp32Bytes, double? powerSaving = null) =>
        AccuracyTerm(metric, baseline) + Alpha * (1 - (double)bytes / fp32Bytes) + Beta * (powerSaving ?? 0);

    /// <summary>Whether a candidate meets constA and constM.</summary>
    public bool IsFeasible(double metric, double baseline, long bytes) => ConstA.IsMet(metric, baseline) && (ConstM is null || bytes <= ConstM);
}
