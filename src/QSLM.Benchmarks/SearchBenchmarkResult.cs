using QSLM.Search.Baselines;

namespace QSLM.Benchmarks;

/// <summary>What <see cref="SearchBenchmark"/> measured.</summary>
/// <param name="Strategies">Every strategy in the order run: tiered search, uniform sweep, greedy lowering, random search.</param>
/// <param name="Tiered">The tiered search's result.</param>
/// <param name="Random">Random search's result.</param>
/// <param name="Csv">The tiered search's candidates.</param>
internal sealed record SearchBenchmarkResult(IReadOnlyList<StrategyTiming> Strategies, StrategyResult Tiered, StrategyResult Random, string Csv)
{
    /// <summary>The strategy with the best feasible candidate, or null when none found one.</summary>
    public StrategyResult? BestFound => Strategies.Where(s => s.Result.Best is not null).MaxBy(s => s.Result.Best!.Score)?.Result;

    /// <summary>How far <paramref name="score"/> falls below <paramref name="best"/>, in % of |best| (points of J when best is 0).</summary>
    public static double Gap(double score, double best) => Math.Max(0, best - score) / (best == 0 ? 0.01 : Math.Abs(best)) * 100;
}

/// <summary>One strategy's result and its wall time.</summary>
/// <param name="Result">What it found.</param>
/// <param name="Seconds">How long it ran.</param>
internal sealed record StrategyTiming(StrategyResult Result, double Seconds);
