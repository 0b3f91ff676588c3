using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QSLM.CommandLine;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;

namespace QSLM.Agent.Commands;

/// <summary><c>qslm-agent eval MODEL</c>: the board checks the deployed model itself.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Packed model file (.qslm)." };
        var data = new Option<string?>("--data") { Description = "Folder holding wikitext-2/ and sst2/ (default: $QSLM_DATA, else the nearest data/ above the current folder or the agent)." };
        var lmTokens = new Option<int?>("--lm-tokens") { Description = "Evaluate only the first N tokens of WikiText-2 test (default: all 245,569)." }.InRange(1, int.MaxValue);
        var sentences = new Option<int?>("--sst2-sentences") { Description = "Classify only the first N SST-2 dev sentences (default: all 872)." }.InRange(1, int.MaxValue);
        var streams = new Option<int>("--streams") { Description = "Split the WikiText-2 tokens into N streams, each started from <eos> (the host's eval uses 16).", DefaultValueFactory = _ => 1 }.InRange(1, 65_536);
        var predictions = new Option<bool>("--predictions") { Description = "Also print every SST-2 prediction (one digit per sentence)." };
        var command = new Command("eval", "WikiText-2 test perplexity (language model) or SST-2 dev accuracy (classifier) of a packed model, computed on this machine by the runtime.")
        {
            model, data, lmTokens, sentences, streams, predictions,
        };
        command.SetAction(parse => AgentCommandRunner.Run(parse.GetValue(AgentOptions.Verbose), () =>
        {
            var path = parse.GetValue(model)!;
            var folder = DataFolder.Resolve(parse.GetValue(data));
            using var runtime = SpikeGptRuntime.Open(path, AgentOptions.Runtime(parse));
            Console.WriteLine(InfoCommand.ModelLine(path, runtime));
            var vocabulary = Vocabulary.FromWikiText(Path.Combine(folder, "wikitext-2"));
            var hash = vocabulary.Hash();
            if (hash != runtime.Manifest.VocabularyHash)
                throw new InputException($"{path} was packed for vocabulary {runtime.Manifest.VocabularyHash[..12]}…, but {folder}/wikitext-2 gives {hash[..12]}…");
            var inv = CultureInfo.InvariantCulture;
            var clock = Stopwatch.StartNew();
            if (runtime.HasLmHead)
            {
                var tokens = WikiTextCorpus.Encode(Path.Combine(folder, "wikitext-2"), "test", vocabulary).Select(t => (int)t).ToArray();
                var count = Slice(parse.GetValue(lmTokens), tokens.Length, "--lm-tokens");
                var result = RuntimePerplexity.Evaluate(runtime, tokens.AsSpan(0, count), vocabulary.IdOrUnknown(Vocabulary.EndOfSentence), parse.GetValue(streams));
                Console.WriteLine(string.Create(inv, $"WikiText-2 test perplexity: {result.Perplexity:F6} over {result.Tokens:N0} tokens (mean NLL {result.MeanNll:F8})"));
            }
            if (runtime.ClassCount > 0)
            {
                var dev = Sst2Dataset.Load(Path.Combine(folder, "sst2", "dev.tsv"), vocabulary);
                var count = Slice(parse.GetValue(sentences), dev.Count, "--sst2-sentences");
                var result = RuntimeSst2.Evaluate(runtime, dev.Take(count).ToList());
                Console.WriteLine(string.Create(inv, $"SST-2 dev accuracy: {result.Accuracy * 100:F2}% ({result.Correct}/{result.Total})"));
                if (parse.GetValue(predictions)) Console.WriteLine("SST-2 predictions: " + string.Concat(result.Predictions));
            }
            RunReport.Print(runtime, clock.Elapsed);
            return AgentCommandRunner.Success;
        }));
        return command;
    }

    private static int Slice(int? requested, int available, string option)
    {
        if (requested is null) return available;
        if (requested < 1 || requested > available)
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{option} must be between 1 and {available}, got {requested}"));
        return requested.Value;
    }
}
