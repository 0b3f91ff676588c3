using QSLM.Benchmarks;
using QSLM.Cli.Rendering.Benchmarks;
using QSLM.Format.Formats;
using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Cli.Tests.Rendering.Benchmarks;

public sealed class SearchBenchmarkViewTests
{
    private static readonly ModelHierarchy Layout = ModelHierarchy.FromTensors(ReferenceLayout.For(2, 32, 400, lmHead: false, classes: 2).Select(kv => (kv.Key, kv.Value)));

    private static Candidate Found(int id, double score) => new(id, SearchTier.Global, Precisions.Uniform(Layout, QuantFormats.Get("int8")), 0.875, 12_345, score, Feasible: true);

    private static SearchBenchmarkResult Result()
    {
        var tiered = new StrategyResult("tiered search", 10, Found(3, 0.5), [Found(3, 0.5)]);
        var uniform = new StrategyResult("uniform sweep", 4, null, []);
        var random = new StrategyResult("random search (10x, seed 1)", 100, Found(7, 0.6), [Found(6, 0.4), Found(7, 0.6)]);
        return new([new(tiered, 1.24), new(uniform, 0.5), new(random, 3)], tiered, random, "runs/x/tiered.csv");
    }

    [Fact]
    public void A_strategy_gets_its_line_as_it_ends()
    {
        var output = new BenchOutput();
        new SearchBenchmarkView(output.Console).Report(new(new StrategyResult("tiered search", 10, Found(3, 0.5), []), 1.24));
        Assert.Equal(["tiered search: 10 evaluations, 1.2 s, best #3 J 0.5000 at 12,345 bytes, metric 0.875"], output.Lines);
    }

    [Fact]
    public void A_strategy_that_found_nothing_feasible_says_so()
    {
        var output = new BenchOutput();
        new SearchBenchmarkView(output.Console).Report(new(new StrategyResult("uniform sweep", 4, null, []), 0.5));
        Assert.Equal(["uniform sweep: 4 evaluations, 0.5 s, best none feasible"], output.Lines);
    }

    [Fact]
    public void The_summary_tabulates_the_strategies_and_states_both_targets()
    {
        var output = new BenchOutput();
        new SearchBenchmarkView(output.Console).Results(Result());
        Assert.Equal(["tiered search", "10", "0.5000", "12,345", "0.875", "yes", "1.2"], output.Row("tiered search"));
        Assert.Equal(["uniform sweep", "4", "none", "none", "0.5"], output.Row("uniform sweep"));
        Assert.Equal(
        [
            "tiered best within 16.67% of the best found (target <= 1%): J 0.5000 against 0.6000 (random search (10x, seed 1)); NOT met",
            "tiered used 10 evaluations = 0.1 of random's 100 (target <= 0.1); met",
            "random search first matched the tiered J after 2 evaluations",
            "the tiered search's candidates: runs/x/tiered.csv (qslm report runs/x/tiered.csv plots them)",
        ], output.Lines[^4..]);
    }
}
