using QSLM.Errors;
using QSLM.Search.Baselines;
using QSLM.Search.Synthetic;

namespace QSLM.Search.Tests.Baselines;

public sealed class RandomSearchTests
{
    private static readonly QSLM.Search.Hierarchy.ModelHierarchy H = StrategyLedgerTests.H;

    private static async Task<(StrategyResult Result, SyntheticEvaluator Evaluator)> Run(int budget, int seed)
    {
        var evaluator = new SyntheticEvaluator(H);
        return (await RandomSearch.RunAsync(new StrategyLedger(H, evaluator, StrategyLedgerTests.Within1Point(0.5)), SyntheticEvaluator.Menu, budget, seed), evaluator);
    }

    [Fact]
    public async Task It_uses_exactly_its_budget_of_distinct_evaluations()
    {
        var (result, evaluator) = await Run(57, seed: 3);
        Assert.Equal(57, result.Evaluations);
        Assert.Equal(57, evaluator.Calls);
        Assert.Equal(57, result.All.Select(c => c.Precisions).Distinct().Count());
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_candidates_and_another_seed_others()
    {
        var a = (await Run(30, seed: 11)).Result.All.Select(c => c.Precisions.Compact).ToList();
        var b = (await Run(30, seed: 11)).Result.All.Select(c => c.Precisions.Compact).ToList();
        var c = (await Run(30, seed: 12)).Result.All.Select(c => c.Precisions.Compact).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task A_budget_below_two_is_refused()
    {
        await Assert.ThrowsAsync<InputException>(() => Run(1, seed: 1));
    }
}
