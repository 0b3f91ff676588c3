using System.Diagnostics;
using System.Globalization;
using QSLM.Format.Formats;
using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Tiers;
using Spectre.Console;

namespace QSLM.Benchmarks;

/// <summary>
/// The tiered search against three baselines in one run, on the same evaluator and objective:
/// a uniform sweep, greedy bit-lowering by sensitivity, and random search given
/// <c>randomFactor</c> times the tiered search's distinct evaluations. Prints what each found and
/// the search issue's two ratios (tiered within 1% of the best found, with at most a tenth of
/// random's evaluations).
/// </summary>
internal static class SearchBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What the strategies run on.</summary>
    /// <param name="Hierarchy">The model's hierarchy.</param>
    /// <param name="Candidates">Scores candidates (every strategy's).</param>
    /// <param name="Sensitivity">Scores the tiered search's sensitivity measurements.</param>
    /// <param name="Objective">Constraints and objective.</param>
    /// <param name="Menu">Precisions, highest first.</param>
    /// <param name="Description">What the evaluator is, for the report's first line.</param>
    public sealed record Setup(ModelHierarchy Hierarchy, ICandidateEvaluator Candidates, ICandidateEvaluator Sensitivity, SearchObjective Objective, IReadOnlyList<QuantFormat> Menu, string Description);

    public static IReadOnlyList<StrategyResult> Run(Setup setup, string folder, int randomFactor, int seed, CancellationToken cancel)
    {
        AnsiConsole.WriteLine($"bench search: {setup.Description}; constA {setup.Objective.ConstA}, constM {(setup.Objective.ConstM is { } m ? m.ToString("N0", Inv) + " bytes" : "none")}, alpha {setup.Objective.Alpha.ToString(Inv)}, menu {string.Join(",", setup.Menu.Select(f => f.Name))}");
        AnsiConsole.WriteLine($"machine: {BenchTimer.Machine()}");
        var results = new List<(StrategyResult Result, double Seconds)>();

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "tiered.csv");
        File.Delete(csv);
        StrategyResult tiered;
        using (var log = ResultsLog.Open(csv))
        {
            var ledger = new SearchLedger(setup.Hierarchy, setup.Candidates, setup.Sensitivity, setup.Objective, log);
            new TieredSearch(ledger, setup.Menu).RunAsync(cancel).GetAwaiter().GetResult();
            tiered = new StrategyResult("tiered search", ledger.All.Count, ledger.Best, ledger.All);
        }
        results.Add((tiered, Done(tiered, clock)));

        clock.Restart();
        var uniform = UniformSweep.RunAsync(Ledger(setup), setup.Menu, cancel).GetAwaiter().GetResult();
        results.Add((uniform, Done(uniform, clock)));
        cancel.ThrowIfCancellationRequested();

        clock.Restart();
        var greedy = GreedyLowering.RunAsync(Ledger(setup), setup.Menu, cancel).GetAwaiter().GetResult();
        results.Add((greedy, Done(greedy, clock)));
        cancel.ThrowIfCancellationRequested();

        clock.Restart();
        var random = RandomSearch.RunAsync(Ledger(setup), setup.Menu, randomFactor * tiered.Evaluations, seed, cancel).GetAwaiter().GetResult();
        random = random with { Strategy = $"random search ({randomFactor}x, seed {seed})" };
        results.Add((random, Done(random, clock)));

        Print(results, tiered, random);
        AnsiConsole.WriteLine($"the tiered search's candidates: {csv} (qslm report {csv} plots them)");
        return results.Select(r => r.Result).ToList();
    }

    private static StrategyLedger Ledger(Setup setup) => new(setup.Hierarchy, setup.Candidates, setup.Objective);

    private static double Done(StrategyResult result, Stopwatch clock)
    {
        var best = result.Best is { } b ? string.Create(Inv, $"#{b.Id} J {b.Score:F4} at {b.Bytes:N0} bytes, metric {b.Metric:0.####}") : "none feasible";
        AnsiConsole.WriteLine(string.Create(Inv, $"{result.Strategy}: {result.Evaluations} evaluations, {clock.Elapsed.TotalSeconds:F1} s, best {best}"));
        return clock.Elapsed.TotalSeconds;
    }

    private static void Print(IReadOnlyList<(StrategyResult Result, double Seconds)> results, StrategyResult tiered, StrategyResult random)
    {
        var table = new Table().AddColumns("strategy", "evals", "best J", "bytes", "metric", "feasible", "wall s");
        foreach (var (r, seconds) in results)
        {
            table.AddRow(Markup.Escape(r.Strategy), r.Evaluations.ToString(Inv),
                r.Best?.Score.ToString("F4", Inv) ?? "none", r.Best?.Bytes.ToString("N0", Inv) ?? "", r.Best?.Metric.ToString("0.####", Inv) ?? "",
                r.Best is null ? "none" : "yes", seconds.ToString("F1", Inv));
        }
        AnsiConsole.Write(table);

        var best = results.Where(r => r.Result.Best is not null).MaxBy(r => r.Result.Best!.Score).Result;
        if (tiered.Best is null || best.Best is null)
        {
            AnsiConsole.WriteLine("tiered best: none feasible, so no ratio (target <= 1%)");
        }
        else
        {
            var gap = Gap(tiered.Best.Score, best.Best.Score);
            AnsiConsole.WriteLine(string.Create(Inv,
                $"tiered best within {gap:0.00}% of the best found (target <= 1%): J {tiered.Best.Score:F4} against {best.Best.Score:F4} ({best.Strategy}); {(gap <= 1 ? "met" : "NOT met")}"));
        }
        var fraction = (double)tiered.Evaluations / random.Evaluations;
        AnsiConsole.WriteLine(string.Create(Inv,
            $"tiered used {tiered.Evaluations} evaluations = {fraction:0.###} of random's {random.Evaluations} (target <= 0.1); {(fraction <= 0.1 + 1e-12 ? "met" : "NOT met")}"));
        if (tiered.Best is not null)
        {
            var reach = random.EvaluationsToReach(tiered.Best.Score);
            AnsiConsole.WriteLine(reach is { } n
                ? $"random search first matched the tiered J after {n} evaluations"
                : $"random search never matched the tiered J in its {random.Evaluations} evaluations");
        }
    }

    /// <summary>How far <paramref name="score"/> falls below <paramref name="best"/>, in % of |best| (points of J when best is 0).</summary>
    internal static double Gap(double score, double best) => Math.Max(0, best - score) / (best == 0 ? 0.01 : Math.Abs(best)) * 100;
}
