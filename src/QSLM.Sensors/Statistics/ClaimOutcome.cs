namespace QSLM.Sensors.Statistics;

/// <summary>What the measurements say about a claimed difference.</summary>
public enum ClaimOutcome
{
    /// <summary>The whole confidence interval lies at or beyond the claimed difference.</summary>
    Supported,

    /// <summary>The whole confidence interval falls short of the claimed difference.</summary>
    Contradicted,

    /// <summary>The interval straddles the claimed difference.</summary>
    Inconclusive,
}
