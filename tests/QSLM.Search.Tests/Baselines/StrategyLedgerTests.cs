using QSLM.Format.Formats;
using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Synthetic;
using QSLM.Search.Tests.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Baselines;

public sealed class StrategyLedgerTests
{
    internal static readonly ModelHierarchy H = ModelHierarchyTests.Of(3, 32, vocab: 400, lmHead: false, classes: 2);

    internal static SearchObjective Within1Point(double alpha, long? constM = null) => new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), constM, alpha).Validate();

    [Fact]
    public async Task The_fp32_baseline_is_evaluated_first_and_counts_as_an_evaluation()
    {
        var evaluator = new SyntheticEvaluator(H);
        var ledger = new StrategyLedger(H, evaluator, Within1Point(0.5));
        var int4 = await ledger.EvaluateAsync(Precisions.Uniform(H, QuantFormats.Get("int4")), SearchTier.Global, CancellationToken.None);
        Assert.Equal(2, ledger.Evaluations);
        Assert.Equal(SearchTier.Baseline, ledger.All[0].Tier);
        Assert.Equal(SyntheticEvaluator.BaselineAccuracy, ledger.Baseline.Metric);
        Assert.Equal(2, int4.Id);
    }

    [Fact]
    public async Task A_candidate_asked_for_twice_costs_one_evaluation()
    {
        var evaluator = new SyntheticEvaluator(H);
        var ledger = new StrategyLedger(H, evaluator, Within1Point(0.5));
        var p = Precisions.Uniform(H, QuantFormats.Get("int8"));
        Assert.Same(await ledger.EvaluateAsync(p, SearchTier.Global, CancellationToken.None), await ledger.EvaluateAsync(p, SearchTier.Block, CancellationToken.None));
        Assert.Equal(2, ledger.Evaluations);
        Assert.Equal(2, evaluator.Calls);
    }

    [Fact]
    public async Task Sensitivity_measurements_count_but_never_become_the_best()
    {
        var ledger = new StrategyLedger(H, new SyntheticEvaluator(H), Within1Point(1));
        var fp32 = Precisions.Uniform(H, QuantFormats.Fp32);
        var lowered = await ledger.EvaluateAsync(fp32.WithBlock("blocks.1", QuantFormats.Get("int8")), SearchTier.Sensitivity, CancellationToken.None);
        Assert.True(lowered.Feasible && lowered.Score > ledger.All[0].Score);
        Assert.Equal(1, ledger.Best!.Id);
        Assert.Equal(2, ledger.Evaluations);
    }
}
