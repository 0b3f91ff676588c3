using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Progress;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Harness;
using QSLM.Model;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm eval</c>: WikiText-2 test perplexity and SST-2 dev accuracy of checkpoints.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var lm = new Option<string>("--lm") { Description = "Language model checkpoint (.safetensors, .pt, .pth).", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 classifier checkpoint; one without emb.weight takes it from --lm.", DefaultValueFactory = _ => RepositoryPaths.ReferenceSst2 };
        var tokens = new Option<int?>("--lm-tokens") { Description = "Evaluate only the first N test tokens (default: all 245,569)." }.InRange(1, int.MaxValue);
        var sentences = new Option<int?>("--sst2-sentences") { Description = "Evaluate only the first N dev sentences (default: all 872)." }.InRange(1, int.MaxValue);
        var skipLm = new Option<bool>("--no-lm") { Description = "Skip the perplexity evaluation." };
        var skipSst2 = new Option<bool>("--no-sst2") { Description = "Skip the SST-2 evaluation." };
        var wikitext = new Option<string>("--wikitext") { Description = "WikiText-2 folder.", DefaultValueFactory = _ => RepositoryPaths.WikiText };
        var sst2Data = new Option<string>("--sst2-data") { Description = "SST-2 folder.", DefaultValueFactory = _ => RepositoryPaths.Sst2 };
        var assign = new Option<string?>("--assign") { Description = "Fake-quantize both models first with these precision rules (as in qslm pack), e.g. \"*.weight=int4_g32\"." };

        var command = new Command("eval", "Evaluate WikiText-2 test perplexity (word level, one <eos> per line, 245,569 tokens) and SST-2 dev accuracy (872 sentences). Defaults: the bundled reference models.")
        {
            lm, sst2, tokens, sentences, skipLm, skipSst2, wikitext, sst2Data, assign,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var corpus = parse.GetValue(wikitext)!;
            var lmPath = parse.GetValue(lm)!;
            var vocabulary = Vocabulary.FromWikiText(corpus);
            var assignment = parse.GetValue(assign) is { } rules ? PrecisionAssignment.Parse(rules) : null;
            var lines = new List<string>();
            if (!parse.GetValue(skipLm))
            {
                using var model = LoadForVocabulary(lmPath, null, vocabulary);
                if (assignment is not null) FakeQuantizer.Apply(model, assignment);
                if (!model.Config.HasLmHead) throw new InputException($"{lmPath}: has no LM head (head.weight); cannot compute perplexity");
                var test = WikiTextCorpus.Encode(corpus, "test", vocabulary);
                var limit = parse.GetValue(tokens);
                if (limit is <= 0) throw new InputException("--lm-tokens must be positive");
                if (limit is { } n && n < test.Length) test = test[..n];
                var progress = ProgressReporter.OnStandardError("evaluating perplexity", "tokens");
                var result = PerplexityEvaluator.Evaluate(model, test, vocabulary.IdOrUnknown(Vocabulary.EndOfSentence), progress: progress.Report);
                progress.Finish();
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"WikiText-2 test perplexity: {result.Perplexity:F2}  ({result.Tokens:N0} tokens; {Describe(lmPath, model)})"));
            }
            if (!parse.GetValue(skipSst2))
            {
                var sst2Path = parse.GetValue(sst2)!;
                using var model = LoadForVocabulary(sst2Path, lmPath, vocabulary);
                if (assignment is not null) FakeQuantizer.Apply(model, assignment);
                if (model.Config.ClassCount != 2) throw new InputException($"{sst2Path}: has no 2-class head (cls.weight); cannot classify SST-2");
                var dev = Sst2Dataset.Load(Path.Combine(parse.GetValue(sst2Data)!, "dev.tsv"), vocabulary);
                var limit = parse.GetValue(sentences);
                if (limit is <= 0) throw new InputException("--sst2-sentences must be positive");
                if (limit is { } n && n < dev.Count) dev = dev.Take(n).ToList();
                var progress = ProgressReporter.OnStandardError("evaluating SST-2", "sentences");
                var result = Sst2Evaluator.Evaluate(model, dev, progress: progress.Report);
                progress.Finish();
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"SST-2 dev accuracy: {100 * result.Accuracy:F2}%  ({result.Correct}/{result.Total} sentences; {Describe(sst2Path, model)})"));
            }
            if (assignment is not null) Terminal.WriteLine($"weights fake-quantized: {assignment}");
            foreach (var line in lines) Terminal.WriteLine(line);
            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>Loads a checkpoint and checks its vocabulary against WikiText-2's.</summary>
    internal static SpikeGpt LoadForVocabulary(string path, string? embeddingSource, Vocabulary vocabulary) =>
        Harness.Search.HostModels.LoadForVocabulary(path, embeddingSource, vocabulary);

    private static string Describe(string path, SpikeGpt model) => string.Create(CultureInfo.InvariantCulture,
        $"{path}: SpikeGPT {model.Config}, {model.parameters().Sum(p => p.numel()):N0} parameters, file {new FileInfo(path).Length / 1e6:F1} MB");
}
