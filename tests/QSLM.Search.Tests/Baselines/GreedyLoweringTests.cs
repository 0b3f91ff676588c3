using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Synthetic;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Baselines;

public sealed class GreedyLoweringTests
{
    private static readonly ModelHierarchy H = StrategyLedgerTests.H;

    [Fact]
    public async Task Its_answer_keeps_the_accuracy_floor_and_lowers_the_model()
    {
        var result = await GreedyLowering.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), StrategyLedgerTests.Within1Point(1)), SyntheticEvaluator.Menu);
        var best = result.Best!;
        Assert.True(best.Metric >= SyntheticEvaluator.BaselineAccuracy - 0.01 - 1e-12, $"{best.Metric}");
        Assert.Equal(SearchTier.Block, best.Tier);
        Assert.True(best.Bytes < result.All[0].Bytes / 4);
    }

    [Fact]
    public async Task Its_answer_fits_a_memory_cap_that_no_uniform_precision_above_the_floor_meets()
    {
        var fp32 = Precisions.Uniform(H, Format.Formats.QuantFormats.Fp32).WeightBytes;
        // Just below uniform int8, the only uniform precision that keeps the floor.
        var cap = Precisions.Uniform(H, Format.Formats.QuantFormats.Get("int8")).WeightBytes * 9 / 10;
        var uniform = await UniformSweep.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), StrategyLedgerTests.Within1Point(0, cap)), SyntheticEvaluator.Menu);
        Assert.Null(uniform.Best);
        var result = await GreedyLowering.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), StrategyLedgerTests.Within1Point(0, cap)), SyntheticEvaluator.Menu);
        Assert.True(result.Best!.Bytes <= cap, $"{result.Best.Bytes} > {cap}");
        Assert.True(result.Best.Feasible);
    }

    [Fact]
    public async Task It_changes_whole_blocks_only()
    {
        var result = await GreedyLowering.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), StrategyLedgerTests.Within1Point(1)), SyntheticEvaluator.Menu);
        Assert.All(result.All, c => Assert.All(H.Blocks.Where(b => b.Searchable.Any()),
            b => Assert.Single(b.Searchable.Select(m => c.Precisions[m.Name]).Distinct())));
    }

    [Fact]
    public async Task An_unreachable_accuracy_floor_leaves_it_without_an_answer()
    {
        var objective = new SearchObjective(AccuracyConstraint.Parse("acc>=0.9"), null, 0).Validate();
        Assert.Null((await GreedyLowering.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), objective), SyntheticEvaluator.Menu)).Best);
    }
}
