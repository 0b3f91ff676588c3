using System.CommandLine;
using System.Globalization;
using System.Reflection;
using QSLM.Cli.Search;
using QSLM.Data;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Search.Hierarchy;
using QSLM.Search.Results;
using QSLM.Search.Tiers;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm search</c>: the tiered precision search of a model under constA and constM.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "What the candidates are scored on: sst2 (the classifier's SST-2 dev accuracy) or lm (the LM's WikiText-2 test perplexity).", DefaultValueFactory = _ => "sst2" };
        task.AcceptOnlyFromAmong("sst2", "lm");
        var constA = new Option<string?>("--const-a") { Description = "Accuracy constraint: acc>=FRACTION, acc>=-POINTSpt (below the fp32 baseline), ppl<=VALUE or ppl<=+PERCENT%. Default: acc>=-1pt for sst2, ppl<=+5% for lm." };
        var constM = new Option<string?>("--const-m") { Description = "Memory constraint: the packed model's size at most this, in bytes or with kB, MB, MiB (e.g. 2MB). Default: none." };
        var alpha = new Option<double>("--alpha") { Description = "Weight of the memory saving in the objective J = A + alpha*M (README, \"The objective\"): 0 keeps the most accurate feasible candidate, larger values smaller ones.", DefaultValueFactory = _ => 0.5 };
        var menu = new Option<string>("--menu") { Description = "Precisions the search may give a module, highest first.", DefaultValueFactory = _ => "int8,int6,int4,int3,int2,sign1" };
        var sentences = new Option<int>("--sst2-sentences") { Description = "SST-2 dev sentences each candidate is scored on (the first N).", DefaultValueFactory = _ => 872 };
        var sensitivitySentences = new Option<int>("--sensitivity-sentences") { Description = "SST-2 dev sentences each sensitivity measurement is scored on (the first N; they only order the search's moves).", DefaultValueFactory = _ => 200 };
        var sensitivityTokens = new Option<int>("--sensitivity-tokens") { Description = "WikiText-2 test tokens each sensitivity measurement is scored on (--task lm).", DefaultValueFactory = _ => 4000 };
        var tokens = new Option<int>("--lm-tokens") { Description = "WikiText-2 test tokens each candidate is scored on (--task lm), and the chosen candidate's perplexity is reported on (--task sst2).", DefaultValueFactory = _ => 20_000 };
        var lm = new Option<string>("--lm") { Description = "Language model checkpoint.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 classifier checkpoint; one without emb.weight takes it from --lm.", DefaultValueFactory = _ => RepositoryPaths.ReferenceSst2 };
        var output = new Option<string?>("--out") { Description = "Folder for search.csv and manifest.json; an existing search there is resumed. Default: a new folder under runs/." };
        var cache = new Option<string>("--cache") { Description = "Folder of host evaluations reused across searches of the same model and data.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "runs", "cache") };

        var command = new Command("search", "Tiered search (global -> block -> module) for the precision of every part of a SpikeGPT under constA and constM, maximising J = A + alpha*M. "
            + "Every candidate is numbered, evaluated on the host with the packed format's own codecs, and logged to search.csv; a killed search resumes where it stopped.")
        {
            task, constA, constM, alpha, menu, sentences, tokens, sensitivitySentences, sensitivityTokens, lm, sst2, output, cache,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CommandRunner.Run(parse, () =>
        {
            var isSst2 = parse.GetValue(task) == "sst2";
            var objective = ObjectiveOptions.Parse(isSst2, parse.GetValue(constA), parse.GetValue(constM), parse.GetValue(alpha));
            var formats = SearchMenu.Parse(parse.GetValue(menu)!);
            var inputs = HostSearchInputs.Load(isSst2, parse.GetValue(lm)!, parse.GetValue(sst2)!, parse.GetValue(sentences), parse.GetValue(tokens),
                parse.GetValue(sensitivitySentences), parse.GetValue(sensitivityTokens));
            var manifest = new SearchManifest(
                $"qslm {Assembly.GetExecutingAssembly().GetName().Version}",
                inputs.Task, inputs.ModelSha256, inputs.DataSha256,
                "host (fake quantization with the packed format's codecs; no board attached)",
                inputs.Evaluation,
                objective.ConstA.ToString(), objective.ConstM, objective.Alpha, formats.Select(f => f.Name).ToList(),
                DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));

            var folder = parse.GetValue(output) ?? Path.Combine(RepositoryPaths.Root, "runs", $"search-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            Directory.CreateDirectory(folder);
            var manifestPath = Path.Combine(folder, "manifest.json");
            if (SearchManifest.TryRead(manifestPath) is { } earlier)
            {
                if (!earlier.SameSearchAs(manifest))
                    throw new InputException($"{folder} holds a different search ({earlier.Task}, {earlier.ConstA}, alpha {earlier.Alpha}); choose another --out");
                manifest = manifest with { Started = earlier.Started };
            }
            manifest.Write(manifestPath);

            using var evaluators = inputs.OpenEvaluators(parse.GetValue(cache)!);
            using var log = ResultsLog.Open(Path.Combine(folder, "search.csv"));
            if (log.Rows.Count > 0) AnsiConsole.MarkupLineInterpolated($"resuming {folder}: {log.Rows.Count} candidates already logged");
            AnsiConsole.MarkupLineInterpolated($"search: {manifest.Task}, constA {objective.ConstA}, constM {(objective.ConstM is { } cm ? cm.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "none")}, alpha {objective.Alpha.ToString(CultureInfo.InvariantCulture)}, menu {string.Join(",", manifest.Menu)}; {manifest.Evaluation}; {manifest.Board}");

            SearchLedger? ledger = null;
            ledger = new SearchLedger(evaluators.Hierarchy, evaluators.Candidates, evaluators.Sensitivity, objective, log, c => AnsiConsole.WriteLine(ledger!.Describe(c)));
            var chosen = new TieredSearch(ledger, formats).Run(cancel);

            Summarise(ledger, chosen, inputs, folder, evaluators.CacheHits);
            return CommandRunner.Success;
        })));
        return command;
    }

    private static void Summarise(SearchLedger ledger, Candidate chosen, HostSearchInputs inputs, string folder, int cacheHits)
    {
        var (isSst2, test, startToken) = (inputs.IsSst2, inputs.Test, inputs.StartToken);
        var inv = CultureInfo.InvariantCulture;
        var baseline = ledger.Baseline;
        var fp32Bytes = baseline.Bytes;
        var table = new Table().AddColumns("", "chosen", "fp32 baseline");
        table.AddRow("candidate", $"#{chosen.Id} ({chosen.Tier.ToString().ToLowerInvariant()} tier)", "#1");
        table.AddRow("precisions", Markup.Escape(chosen.Precisions.Compact), "fp32");
        table.AddRow("packed bytes", chosen.Bytes.ToString("N0", inv), fp32Bytes.ToString("N0", inv));
        table.AddRow("memory reduction against fp32", (1 - (double)chosen.Bytes / fp32Bytes).ToString("P2", inv), "0");
        table.AddRow(isSst2 ? "SST-2 dev accuracy (host)" : "WikiText-2 perplexity (host)",
            isSst2 ? chosen.Metric.ToString("P2", inv) : chosen.Metric.ToString("F2", inv),
            isSst2 ? baseline.Metric.ToString("P2", inv) : baseline.Metric.ToString("F2", inv));
        if (isSst2)
        {
            // The LM with the classifier's precisions (its head at the classifier head's format).
            using var lmModel = EvalCommand.LoadForVocabulary(inputs.LmPath, null, inputs.Vocabulary);
            var lmPrecisions = chosen.Precisions.For(ModelHierarchy.FromTensors(lmModel.state_dict().Select(kv => (kv.Key, kv.Value.shape))));
            var basePpl = PerplexityEvaluator.Evaluate(lmModel, test, startToken).Perplexity;
            FakeQuantizer.Apply(lmModel, lmPrecisions.ToAssignment());
            var ppl = PerplexityEvaluator.Evaluate(lmModel, test, startToken).Perplexity;
            table.AddRow($"LM perplexity at the same precisions ({test.Length:N0} test tokens)", ppl.ToString("F2", inv), basePpl.ToString("F2", inv));
        }
        table.AddRow("objective J", chosen.Score.ToString("F4", inv), "0");
        table.AddRow("power", "not measured: host-only search (no board attached)", "");
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(inv,
            $"{ledger.All.Count} candidates ({ledger.Replayed} replayed from the log, {cacheHits} from the evaluation cache); results: {Path.Combine(folder, "search.csv")}"));
    }
}
