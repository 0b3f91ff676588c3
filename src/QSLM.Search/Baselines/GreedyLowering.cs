using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>
/// Baseline: greedy bit-lowering by sensitivity, without tiers. From fp32, each block's next lower
/// precision is measured on its own (the fp32 model with only that block lowered); the least
/// sensitive block (least harm, then most bytes saved) is lowered one step, kept when it is
/// progress (<see cref="StrategyLedger.Improves"/>), and a block whose step is rejected is lowered
/// no further. No module refinement and no raising.
/// </summary>
public static class GreedyLowering
{
    /// <summary>Runs the lowering over <paramref name="menu"/> (highest precision first).</summary>
    public static async Task<StrategyResult> RunAsync(StrategyLedger ledger, IReadOnlyList<QuantFormat> menu, CancellationToken cancellationToken = default)
    {
        var h = ledger.Hierarchy;
        var fp32 = Precisions.Uniform(h, QuantFormats.Fp32);
        var current = await ledger.EvaluateAsync(fp32, SearchTier.Baseline, cancellationToken).ConfigureAwait(false);
        var blocks = h.Blocks.Where(b => b.Searchable.Any()).Select(b => b.Name).ToList();
        var frozen = new HashSet<string>();
        while (true)
        {
            var moves = new List<(string Block, Precisions Next, double Harm)>();
            foreach (var (block, to) in blocks.Where(b => !frozen.Contains(b)).Select(b => (Block: b, To: Next(menu, current.Precisions.BlockFormat(b)))))
            {
                if (to is null) continue;
                var sensitivity = await ledger.EvaluateAsync(fp32.WithBlock(block, to), SearchTier.Sensitivity, cancellationToken).ConfigureAwait(false);
                moves.Add((block, current.Precisions.WithBlock(block, to), ledger.Harm(sensitivity)));
            }
            if (moves.Count == 0) break;
            var move = moves.OrderBy(m => m.Harm).ThenBy(m => m.Next.WeightBytes).First();
            var candidate = await ledger.EvaluateAsync(move.Next, SearchTier.Block, cancellationToken).ConfigureAwait(false);
            if (ledger.Improves(candidate, current)) current = candidate;
            else frozen.Add(move.Block);
        }
        return StrategyResult.Of("greedy lowering", ledger);
    }

    private static QuantFormat? Next(IReadOnlyList<QuantFormat> menu, QuantFormat format)
    {
        if (format.Id == QuantFormats.Fp32.Id) return menu[0];
        for (var i = 0; i + 1 < menu.Count; i++)
        {
            if (menu[i].Id == format.Id) return menu[i + 1];
        }
        return null;
    }
}
