using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>
/// Baseline: random per-module precisions from the menu, drawn with a seeded generator until a
/// budget of distinct evaluations (the fp32 baseline's included) is spent.
/// </summary>
public static class RandomSearch
{
    /// <summary>Draws candidates until <paramref name="budget"/> distinct evaluations are used, or
    /// the space of assignments is exhausted.</summary>
    /// <exception cref="InputException">The budget is below 2 (the fp32 baseline and one candidate).</exception>
    public static async Task<StrategyResult> RunAsync(StrategyLedger ledger, IReadOnlyList<QuantFormat> menu, int budget, int seed, CancellationToken cancellationToken = default)
    {
        if (budget < 2) throw new InputException($"the random search needs a budget of at least 2 evaluations, got {budget}");
        var random = new Random(seed);
        var modules = ledger.Hierarchy.Searchable.Select(m => m.Name).ToList();
        var all = Precisions.Uniform(ledger.Hierarchy, menu[0]);
        await ledger.EvaluateBaselineAsync(cancellationToken).ConfigureAwait(false);
        // Repeated draws cost nothing but time; a space smaller than the budget ends the search
        // after enough misses in a row that it is almost surely exhausted.
        var misses = 0;
        while (ledger.Evaluations < budget && misses < 1000)
        {
            var p = modules.Aggregate(all, (acc, m) => acc.WithModule(m, menu[random.Next(menu.Count)]));
            if (ledger.Knows(p))
            {
                misses++;
                continue;
            }
            misses = 0;
            await ledger.EvaluateAsync(p, SearchTier.Module, cancellationToken).ConfigureAwait(false);
        }
        return StrategyResult.Of("random search", ledger);
    }
}
