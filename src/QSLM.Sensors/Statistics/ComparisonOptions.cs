namespace QSLM.Sensors.Statistics;

/// <summary>How two candidates are compared: bootstrap resamples and seed, confidence, and what the values are.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Bootstrap resamples.</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>Seed of the resampling, so a comparison is reproducible.</summary>
    public int Seed { get; init; } = 6;

    /// <summary>Two-sided confidence level.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>What is compared ("power", "energy per token"), for the summary.</summary>
    public string Quantity { get; init; } = "power";

    /// <summary>The unit of the values, for the summary.</summary>
    public string Unit { get; init; } = "W";

    /// <summary>
    /// A claimed relative difference of B against A to test (−0.20: "B draws at least 20% less than A"),
    /// or null. See <see cref="Comparison.ClaimVerdict"/>.
    /// </summary>
    public double? Claim { get; init; }

    /// <summary>Length of the window each value was measured over, stated with the result.</summary>
    public TimeSpan? Window { get; init; }
}
