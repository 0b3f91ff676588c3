using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>Baseline: every precision of the menu for the whole model (and fp32); the best feasible one.</summary>
public static class UniformSweep
{
    /// <summary>Evaluates fp32 and each precision of <paramref name="menu"/> uniformly.</summary>
    public static StrategyResult Run(StrategyLedger ledger, IReadOnlyList<QuantFormat> menu)
    {
        _ = ledger.Baseline;
        foreach (var format in menu) ledger.Evaluate(Precisions.Uniform(ledger.Hierarchy, format), SearchTier.Global);
        return StrategyResult.Of("uniform sweep", ledger);
    }
}
