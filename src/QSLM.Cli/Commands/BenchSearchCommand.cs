using System.CommandLine;
using QSLM.Benchmarks;
using QSLM.Cli.Rendering;
using QSLM.Cli.Rendering.Benchmarks;
using QSLM.Cli.SearchOptions;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Harness.Search;
using QSLM.Model;
using QSLM.Search.Hierarchy;
using QSLM.Search.Synthetic;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm bench search</c>: the tiered search against a uniform sweep, greedy lowering and random search.</summary>
internal static class BenchSearchCommand
{
    public static Command Create()
    {
        var synthetic = new Option<bool>("--synthetic") { Description = "Score candidates with the synthetic evaluator (a known accuracy function of the precisions on a 3-block, width-32 SpikeGPT layout) instead of the bundled classifier: seconds instead of minutes; its figures describe no real model." };
        var sentences = new Option<int>("--sst2-sentences") { Description = "SST-2 dev sentences every candidate is scored on (the first N).", DefaultValueFactory = _ => 100 }.InRange(1, 100_000);
        var sensitivitySentences = new Option<int>("--sensitivity-sentences") { Description = "SST-2 dev sentences the tiered search's sensitivity measurements are scored on (the first N).", DefaultValueFactory = _ => 100 }.InRange(1, 100_000);
        var constA = new Option<string?>("--const-a") { Description = "Accuracy constraint (as qslm search). Default: acc>=-1pt." };
        var constM = new Option<string?>("--const-m") { Description = "Memory constraint (as qslm search). Default: none." };
        var alpha = new Option<double>("--alpha") { Description = "Weight of the memory saving in J = A + alpha*M (at least 0 and at most 100).", DefaultValueFactory = _ => 0.5 };
        var menu = new Option<string>("--menu") { Description = "Precisions, highest first.", DefaultValueFactory = _ => "int8,int6,int4,int3,int2,sign1" };
        var factor = new Option<int>("--random-factor") { Description = "Random search's budget, in multiples of the tiered search's distinct evaluations.", DefaultValueFactory = _ => 10 }.InRange(1, 1000);
        var seed = new Option<int>("--seed") { Description = "Random search's seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Folder for the tiered search's CSV. Default: a new folder under runs/ ($QSLM_RUNS when set)." }.WritableFolder();
        var cache = new Option<string>("--cache") { Description = "Folder of host evaluations reused across searches (as qslm search).", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Runs, "cache") }.WritableFolder();
        var lm = new Option<string>("--lm") { Description = "Language model checkpoint (the classifier's embedding comes from it).", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 classifier checkpoint.", DefaultValueFactory = _ => RepositoryPaths.ReferenceSst2 };
        var command = new Command("search", "The tiered search against a uniform sweep, greedy bit-lowering by sensitivity and random search (given --random-factor times the tiered search's evaluations), "
            + "on the same evaluator and objective; prints each one's evaluations and best candidate and the ratios of the search issue's targets.")
        {
            synthetic, sentences, sensitivitySentences, constA, constM, alpha, menu, factor, seed, output, cache, lm, sst2,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(parse, async () =>
        {
            // Returns to System.CommandLine at once, so its Ctrl+C and SIGTERM handling is in place
            // before the benchmark starts.
            await Task.Yield();
            if (parse.GetValue(factor) < 1) throw new InputException("--random-factor must be at least 1");
            var objective = ObjectiveOptions.Parse(isSst2: true, parse.GetValue(constA), parse.GetValue(constM), parse.GetValue(alpha));
            var formats = SearchMenu.Parse(parse.GetValue(menu)!);
            var folder = parse.GetValue(output) ?? Path.Combine(RepositoryPaths.Runs, $"bench-search-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            if (parse.GetValue(synthetic))
            {
                var hierarchy = SyntheticHierarchy();
                var evaluator = new SyntheticEvaluator(hierarchy);
                await RunAsync(new(hierarchy, evaluator, evaluator, objective, formats,
                    "SYNTHETIC evaluator (known accuracy function, 3-block width-32 layout; not a real model)"), folder, parse.GetValue(factor), parse.GetValue(seed), cancel);
                return CommandRunner.Success;
            }
            var inputs = HostSearchInputs.Load(isSst2: true, parse.GetValue(lm)!, parse.GetValue(sst2)!, parse.GetValue(sentences), tokens: 1,
                parse.GetValue(sensitivitySentences), sensitivityTokens: 1);
            using var evaluators = inputs.OpenEvaluators(parse.GetValue(cache)!, WarningLines.Instance);
            await RunAsync(new(evaluators.Hierarchy, evaluators.Candidates, evaluators.Sensitivity, objective, formats,
                $"bundled SST-2 classifier on the host (fake quantization), {inputs.Evaluation}"), folder, parse.GetValue(factor), parse.GetValue(seed), cancel);
            return CommandRunner.Success;
        }));
        return command;
    }

    private static async Task RunAsync(SearchBenchmark.Setup setup, string folder, int randomFactor, int seed, CancellationToken cancel)
    {
        var view = new SearchBenchmarkView(Terminal.Ansi);
        view.Header(setup, BenchTimer.Machine());
        view.Results(await SearchBenchmark.RunAsync(setup, folder, randomFactor, seed, view, cancel).ConfigureAwait(false));
    }

    // The layout of a small classifier (no LM head, two classes); only its tensor shapes are used.
    private static ModelHierarchy SyntheticHierarchy()
    {
        using var model = new SpikeGpt(new SpikeGptConfig(3, 32, 400, HasLmHead: false, ClassCount: 2));
        return ModelHierarchy.FromTensors(model.state_dict().Select(kv => (kv.Key, kv.Value.shape)));
    }
}
