using System.Diagnostics;
using QSLM.Format.Formats;
using QSLM.Search.Baselines;
using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Results;
using QSLM.Search.Tiers;

namespace QSLM.Benchmarks;

/// <summary>
/// The tiered search against three baselines in one run, on the same evaluator and objective:
/// a uniform sweep, greedy bit-lowering by sensitivity, and random search given
/// <c>randomFactor</c> times the tiered search's distinct evaluations; what each found, and how long it took.
/// </summary>
internal static class SearchBenchmark
{
    /// <summary>What the strategies run on.</summary>
    /// <param name="Hierarchy">The model's hierarchy.</param>
    /// <param name="Candidates">Scores candidates (every strategy's).</param>
    /// <param name="Sensitivity">Scores the tiered search's sensitivity measurements.</param>
    /// <param name="Objective">Constraints and objective.</param>
    /// <param name="Menu">Precisions, highest first.</param>
    /// <param name="Description">What the evaluator is, for the report's first line.</param>
    public sealed record Setup(ModelHierarchy Hierarchy, ICandidateEvaluator Candidates, ICandidateEvaluator Sensitivity, SearchObjective Objective, IReadOnlyList<QuantFormat> Menu, string Description);

    /// <summary>Runs the tiered search, then each baseline, reporting each as it ends.</summary>
    /// <param name="setup">What the strategies run on.</param>
    /// <param name="folder">Where the tiered search's CSV goes.</param>
    /// <param name="randomFactor">Random search's budget in multiples of the tiered search's evaluations.</param>
    /// <param name="seed">Random search's seed.</param>
    /// <param name="finished">Hears about each strategy as it ends.</param>
    /// <param name="cancel">Stops the strategy that runs.</param>
    public static async Task<SearchBenchmarkResult> RunAsync(Setup setup, string folder, int randomFactor, int seed, IProgress<StrategyTiming>? finished, CancellationToken cancel)
    {
        var results = new List<StrategyTiming>();
        void Done(StrategyResult result, Stopwatch clock)
        {
            var timing = new StrategyTiming(result, clock.Elapsed.TotalSeconds);
            results.Add(timing);
            finished?.Report(timing);
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "tiered.csv");
        File.Delete(csv);
        StrategyResult tiered;
        using (var log = ResultsLog.Open(csv))
        {
            var ledger = new SearchLedger(setup.Hierarchy, setup.Candidates, setup.Sensitivity, setup.Objective, log, CompletedWork.None);
            await new TieredSearch(ledger, setup.Menu).RunAsync(cancel).ConfigureAwait(false);
            tiered = new StrategyResult("tiered search", ledger.All.Count, ledger.Best, ledger.All);
        }
        Done(tiered, clock);

        clock.Restart();
        Done(await UniformSweep.RunAsync(Ledger(setup), setup.Menu, cancel).ConfigureAwait(false), clock);
        cancel.ThrowIfCancellationRequested();

        clock.Restart();
        Done(await GreedyLowering.RunAsync(Ledger(setup), setup.Menu, cancel).ConfigureAwait(false), clock);
        cancel.ThrowIfCancellationRequested();

        clock.Restart();
        var random = await RandomSearch.RunAsync(Ledger(setup), setup.Menu, randomFactor * tiered.Evaluations, seed, cancel).ConfigureAwait(false);
        random = random with { Strategy = $"random search ({randomFactor}x, seed {seed})" };
        Done(random, clock);
        return new SearchBenchmarkResult(results, tiered, random, csv);
    }

    private static StrategyLedger Ledger(Setup setup) => new(setup.Hierarchy, setup.Candidates, setup.Objective);
}
