using QSLM.Benchmarks;
using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Synthetic;

namespace QSLM.Cli.Tests.Benchmarks;

public sealed class SearchBenchmarkTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-bench-search-");

    public void Dispose() => _temp.Dispose();

    private static SearchBenchmark.Setup Synthetic()
    {
        var hierarchy = ModelHierarchy.FromTensors(ReferenceLayout.For(3, 32, 400, lmHead: false, classes: 2).Select(kv => (kv.Key, kv.Value)));
        var evaluator = new SyntheticEvaluator(hierarchy);
        var objective = new SearchObjective(AccuracyConstraint.Parse("acc>=-1pt"), null, 0.5).Validate();
        return new(hierarchy, evaluator, evaluator, objective, [QuantFormats.Get("int8"), QuantFormats.Get("int4")], "synthetic");
    }

    private sealed class Collected : IProgress<StrategyTiming>
    {
        public List<StrategyTiming> Reports { get; } = [];

        public void Report(StrategyTiming value) => Reports.Add(value);
    }

    [Fact]
    public async Task Each_strategy_is_reported_as_it_ends_and_returned_in_the_same_order()
    {
        var heard = new Collected();
        var result = await SearchBenchmark.RunAsync(Synthetic(), _temp.Path, randomFactor: 1, seed: 1, heard, CancellationToken.None);

        Assert.Equal(result.Strategies, heard.Reports);
        Assert.Equal(["tiered search", "uniform sweep", "greedy lowering", "random search (1x, seed 1)"], result.Strategies.Select(s => s.Result.Strategy));
        Assert.Same(result.Tiered, result.Strategies[0].Result);
        Assert.Same(result.Random, result.Strategies[^1].Result);
        Assert.True(File.Exists(result.Csv));
    }

    [Fact]
    public async Task A_cancelled_benchmark_stops_before_any_strategy_ends()
    {
        var heard = new Collected();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SearchBenchmark.RunAsync(Synthetic(), _temp.Path, randomFactor: 1, seed: 1, heard, new CancellationToken(canceled: true)));
        Assert.Empty(heard.Reports);
    }
}
