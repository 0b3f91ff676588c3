using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>Baseline: every precision of the menu for the whole model (and fp32); the best feasible one.</summary>
public static class UniformSweep
{
    /// <summary>Evaluates fp32 and each precision of <paramref name="menu"/> uniformly.</summary>
    public static async Task<StrategyResult> RunAsync(StrategyLedger ledger, IReadOnlyList<QuantFormat> menu, CancellationToken cancellationToken = default)
    {
        await ledger.EvaluateBaselineAsync(cancellationToken).ConfigureAwait(false);
        foreach (var format in menu) await ledger.EvaluateAsync(Precisions.Uniform(ledger.Hierarchy, format), SearchTier.Global, cancellationToken).ConfigureAwait(false);
        return StrategyResult.Of("uniform sweep", ledger);
    }
}
