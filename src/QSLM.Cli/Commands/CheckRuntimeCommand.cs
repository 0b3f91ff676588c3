using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Harness.Verification;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm check-runtime</c>: does the board runtime compute what the host evaluated?</summary>
internal static class CheckRuntimeCommand
{
    public static Command Create()
    {
        var lm = new Option<string>("--lm") { Description = "Language model checkpoint.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var sst2 = new Option<string>("--sst2") { Description = "SST-2 classifier checkpoint (its embedding comes from --lm when it has none).", DefaultValueFactory = _ => RepositoryPaths.ReferenceSst2 };
        var formats = new Option<string>("--formats") { Description = "Comma-separated formats, each applied to every tensor.", DefaultValueFactory = _ => "fp32,int8,int4" };
        var tokens = new Option<int>("--lm-tokens") { Description = "First N WikiText-2 test tokens compared (0 skips the LM).", DefaultValueFactory = _ => 2000 }.InRange(0, int.MaxValue);
        var sentences = new Option<int>("--sst2-sentences") { Description = "First N SST-2 dev sentences compared (0 skips SST-2).", DefaultValueFactory = _ => 872 }.InRange(0, int.MaxValue);
        var kernel = new Option<KernelPath?>("--kernel") { Description = "Runtime kernel path: Scalar, Vector128 or Vector256 (default: the widest available)." };
        var command = new Command("check-runtime",
            "Pack each format, run it in the board runtime (no TorchSharp) and in the host's fake-quantized TorchSharp model, and compare: perplexity, logits within 1e-3 of the largest logit, SST-2 predictions.")
        {
            lm, sst2, formats, tokens, sentences, kernel,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var names = parse.GetValue(formats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in names) _ = QSLM.Format.Formats.QuantFormats.Get(name);
            var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
            var path = parse.GetValue(kernel) ?? KernelPaths.Best;
            if (!KernelPaths.IsSupported(path)) throw new InputException($"kernel path {path} is not accelerated on this processor");
            var options = new RuntimeOptions(path, Environment.ProcessorCount);
            var work = Directory.CreateTempSubdirectory("qslm-check-").FullName;
            var inv = CultureInfo.InvariantCulture;
            try
            {
                Terminal.WriteLine($"runtime kernels: {path} ({KernelPaths.Describe()})");
                var count = parse.GetValue(tokens);
                if (count > 0)
                {
                    var test = WikiTextCorpus.Encode(RepositoryPaths.WikiText, "test", vocabulary);
                    if (count > test.Length) throw new InputException($"--lm-tokens must be at most {test.Length}");
                    foreach (var name in names)
                    {
                        var r = RuntimeAgreement.CompareLm(parse.GetValue(lm)!, name, test.AsSpan(0, count), vocabulary.IdOrUnknown(Vocabulary.EndOfSentence), work, options);
                        var percent = Math.Round(r.PerplexityDifference * 100, 4);
                        Terminal.WriteLine(string.Create(inv,
                            $"{name} LM, {r.Tokens} tokens: perplexity host {r.HostPerplexity:F4} runtime {r.RuntimePerplexity:F4} ({(percent == 0 ? 0 : percent):+0.0000;-0.0000;0.0000}%); logits within {RuntimeAgreement.LogitTolerance:G} of the largest logit: synchronised (runtime starts each token from the host's state) {r.SynchronisedWithin}/{r.Tokens} ({r.SynchronisedFractionWithin:P2}), free-running {r.PositionsWithin}/{r.Tokens} ({r.FractionWithin:P2}) with {r.Divergences} divergence(s){(r.FirstDivergence is { } first ? $", the first at token {first}" : "")} (a spike flipped at its threshold by rounding; its effect lasts while the state remembers it); worst relative difference {r.WorstRelativeDifference:E2}"));
                    }
                }
                var classify = parse.GetValue(sentences);
                if (classify > 0)
                {
                    var dev = Sst2Dataset.Load(Path.Combine(RepositoryPaths.Sst2, "dev.tsv"), vocabulary);
                    if (classify > dev.Count) throw new InputException($"--sst2-sentences must be at most {dev.Count}");
                    foreach (var name in names)
                    {
                        var r = RuntimeAgreement.CompareSst2(parse.GetValue(sst2)!, parse.GetValue(lm)!, name, dev.Take(classify).ToList(), work, options);
                        Terminal.WriteLine(string.Create(inv,
                            $"{name} SST-2, {r.Sentences} sentences: identical predictions {r.Identical}/{r.Sentences} ({r.FractionIdentical:P2}); accuracy host {r.HostAccuracy:P2} runtime {r.RuntimeAccuracy:P2}"));
                    }
                }
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
            return CommandRunner.Success;
        }));
        return command;
    }
}
