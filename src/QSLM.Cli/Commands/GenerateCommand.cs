using System.CommandLine;
using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Data;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Model.Checkpoints;
using QSLM.Model.Generation;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm generate</c>: continue a text prompt or a list of raw token ids.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "LM checkpoint; depth, width and vocabulary are read from its shapes.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm };
        var prompt = new Option<string?>("--prompt") { Description = "Text to continue (WikiText-2 tokenization: words split on spaces; needs the 33,278-word vocabulary)." };
        var ids = new Option<string?>("--ids") { Description = "Raw token ids to continue, e.g. 5,17,2; prints generated ids (any vocabulary)." };
        var count = new Option<int>("--tokens", "-n") { Description = "Number of tokens to generate.", DefaultValueFactory = _ => 30 }.InRange(0, 1_000_000);
        var temperature = new Option<double>("--temperature") { Description = "0 for greedy decoding, otherwise the sampling temperature.", DefaultValueFactory = _ => 0 }.InRange(0.0, 100.0);
        var topK = new Option<int>("--top-k") { Description = "Sample only among the K most likely tokens (0 = all).", DefaultValueFactory = _ => 0 }.InRange(0, 1_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed for sampling.", DefaultValueFactory = _ => 1 };
        var wikitext = new Option<string>("--wikitext") { Description = "WikiText-2 folder (for the vocabulary).", DefaultValueFactory = _ => RepositoryPaths.WikiText };

        var command = new Command("generate", "Continue a prompt with a SpikeGPT language model, token by token (the recurrent form a board runs).")
        {
            checkpoint, prompt, ids, count, temperature, topK, seed, wikitext,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var text = parse.GetValue(prompt);
            var idText = parse.GetValue(ids);
            if ((text is null) == (idText is null)) throw new InputException("give exactly one of --prompt TEXT or --ids 5,17,2");
            var path = parse.GetValue(checkpoint)!;
            using var model = SpikeGptCheckpoint.Load(path);
            if (!model.Config.HasLmHead) throw new InputException($"{path}: has no LM head (head.weight); cannot generate");
            if (idText is not null)
            {
                var input = ParseIds(idText, model.Config.VocabSize);
                var generated = TextGenerator.Continue(model, input, parse.GetValue(count), parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(seed));
                Terminal.WriteLine(string.Join(',', generated.Select(i => i.ToString(CultureInfo.InvariantCulture))));
                return CommandRunner.Success;
            }
            var vocabulary = Vocabulary.FromWikiText(parse.GetValue(wikitext)!);
            if (vocabulary.Count != model.Config.VocabSize)
                throw new InputException($"{path}: vocabulary size {model.Config.VocabSize} is not WikiText-2's {vocabulary.Count}; use --ids for raw token ids");
            var tokens = text!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (long)vocabulary.IdOrUnknown(w)).ToList();
            if (tokens.Count == 0) throw new InputException("--prompt is empty");
            var output = TextGenerator.Continue(model, tokens, parse.GetValue(count), parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(seed));
            Terminal.WriteLine(text.Trim() + " " + string.Join(' ', output.Select(i => vocabulary[(int)i] == Vocabulary.EndOfSentence ? "\n" : vocabulary[(int)i])).Replace(" \n ", "\n"));
            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>Parses a comma-separated id list, each id checked against the vocabulary.</summary>
    internal static long[] ParseIds(string text, int vocabularySize)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new InputException("--ids is empty");
        return parts.Select(p =>
        {
            if (!long.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                throw new InputException($"--ids: '{p}' is not an integer");
            if (id < 0 || id >= vocabularySize)
                throw new InputException($"--ids: token id {id} is outside the checkpoint's vocabulary 0..{vocabularySize - 1}");
            return id;
        }).ToArray();
    }
}
