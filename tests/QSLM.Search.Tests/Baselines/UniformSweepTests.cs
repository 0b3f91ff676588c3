using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Synthetic;

namespace QSLM.Search.Tests.Baselines;

public sealed class UniformSweepTests
{
    private static readonly QSLM.Search.Hierarchy.ModelHierarchy H = StrategyLedgerTests.H;

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(1)]
    public async Task It_finds_the_best_feasible_uniform_precision_with_one_evaluation_per_precision_and_fp32(double alpha)
    {
        var objective = StrategyLedgerTests.Within1Point(alpha);
        var result = await UniformSweep.RunAsync(new StrategyLedger(H, new SyntheticEvaluator(H), objective), SyntheticEvaluator.Menu);

        Assert.Equal(SyntheticEvaluator.Menu.Count + 1, result.Evaluations);
        // Scored independently: every uniform precision through the objective.
        var fp32 = new SyntheticEvaluator(H).Evaluate(Precisions.Uniform(H, Format.Formats.QuantFormats.Fp32));
        var expected = SyntheticEvaluator.Menu.Prepend(Format.Formats.QuantFormats.Fp32)
            .Select(f => (Format: f, E: new SyntheticEvaluator(H).Evaluate(Precisions.Uniform(H, f))))
            .Where(x => objective.IsFeasible(x.E.Metric, fp32.Metric, x.E.Bytes))
            .MaxBy(x => objective.Score(x.E.Metric, fp32.Metric, x.E.Bytes, fp32.Bytes));
        Assert.Equal(Precisions.Uniform(H, expected.Format), result.Best!.Precisions);
    }
}
