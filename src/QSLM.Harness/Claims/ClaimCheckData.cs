using System.Globalization;
using QSLM.Data;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;

namespace QSLM.Harness.Claims;

/// <summary>
/// The data both sides of a claim are checked on, the board scoring each packed file through its agent and the host
/// scoring the same file with the same runtime code: the first SST-2 dev sentences for a classifier (every prediction
/// must be the same), the first WikiText-2 test tokens for a language model (the perplexity within a relative
/// tolerance: the board's kernels may round in another order). It also defines the claim's inference.
/// </summary>
public sealed class ClaimCheckData
{
    private readonly IReadOnlyList<Sst2Example> _sentences;
    private readonly int[] _tokens;
    private readonly int _startToken;

    private ClaimCheckData(bool languageModel, IReadOnlyList<Sst2Example> sentences, int[] tokens, int startToken, double tolerance)
    {
        (LanguageModel, _sentences, _tokens, _startToken, Tolerance) = (languageModel, sentences, tokens, startToken, tolerance);
    }

    /// <summary>Whether the models are language models (checked by perplexity).</summary>
    public bool LanguageModel { get; }

    /// <summary>The relative perplexity tolerance (0 for a classifier: every prediction must agree).</summary>
    public double Tolerance { get; }

    /// <summary>Tokens of one inference: a check sentence's mean length for a classifier, the check's token run for a language model.</summary>
    public double TokensPerInference => LanguageModel ? _tokens.Length : _sentences.Average(s => s.Tokens.Length);

    /// <summary>What an inference is, in words, for the report.</summary>
    public string Inference => LanguageModel
        ? string.Create(CultureInfo.InvariantCulture, $"one inference is one pass over the check's {_tokens.Length} WikiText-2 test tokens (energy per token × {_tokens.Length})")
        : string.Create(CultureInfo.InvariantCulture, $"one inference is the classification of one SST-2 sentence of the check data, {TokensPerInference:0.##} tokens on average (energy per token × {TokensPerInference:0.##})");

    /// <summary>The check data in words.</summary>
    public string Description => LanguageModel
        ? string.Create(CultureInfo.InvariantCulture, $"perplexity over the first {_tokens.Length} WikiText-2 test tokens, board within {Tolerance:0.###%} of the host runtime on the same file")
        : string.Create(CultureInfo.InvariantCulture, $"SST-2 predictions on the first {_sentences.Count} dev sentences, identical on the board and the host runtime on the same file");

    /// <summary>Loads the check data for models of the given kind.</summary>
    public static ClaimCheckData Load(bool languageModel, int sentences, int tokens, double tolerance)
    {
        var vocabulary = Vocabulary.FromWikiText(RepositoryPaths.WikiText);
        if (languageModel)
        {
            var test = WikiTextCorpus.Encode(RepositoryPaths.WikiText, "test", vocabulary);
            return new ClaimCheckData(true, [], [.. test.Take(tokens).Select(t => checked((int)t))], vocabulary.IdOrUnknown(Vocabulary.EndOfSentence), tolerance);
        }
        var dev = Sst2Dataset.Load(Path.Combine(RepositoryPaths.Sst2, "dev.tsv"), vocabulary).Take(sentences).ToList();
        return new ClaimCheckData(false, dev, [], 0, 0);
    }

    /// <summary>The board's request for <paramref name="sha256"/>.</summary>
    public RunEvaluation Request(string sha256) => LanguageModel
        ? new RunEvaluation(sha256, EvaluationTask.Perplexity, [], [], _tokens, _startToken, 1, 0)
        : new RunEvaluation(sha256, EvaluationTask.Sst2, [.. _sentences.Select(e => e.Tokens.Select(t => checked((int)t)).ToArray())], [.. _sentences.Select(e => e.Label)], [], 0, 1, 0);

    /// <summary>Compares the board's <paramref name="board"/> with the host runtime's answer on <paramref name="model"/>.</summary>
    public AgreementCheck Compare(ClaimModel model, EvaluationResult board)
    {
        using var runtime = SpikeGptRuntime.Open(model.Path);
        var inv = CultureInfo.InvariantCulture;
        if (LanguageModel)
        {
            var host = RuntimePerplexity.Evaluate(runtime, _tokens, _startToken, 1).Perplexity;
            var off = Math.Abs((board.Metric / host) - 1);
            var agrees = off <= Tolerance;
            return new AgreementCheck(model.Label, "perplexity", board.Metric, host, agrees, off, Tolerance, string.Create(inv,
                $"perplexity {board.Metric:0.####} on the board, {host:0.####} on the host runtime ({off:0.###%} apart, tolerance {Tolerance:0.###%})"), board.Seconds, board.PeakRssBytes);
        }
        var result = RuntimeSst2.Evaluate(runtime, _sentences);
        var differ = result.Predictions.Zip(board.Predictions).Count(p => p.First != p.Second) + Math.Abs(result.Predictions.Count - board.Predictions.Count);
        return new AgreementCheck(model.Label, "accuracy", board.Metric, result.Accuracy, differ == 0, differ, 0, string.Create(inv,
            $"{_sentences.Count - differ} of {_sentences.Count} SST-2 predictions identical (accuracy {board.Metric:0.####} on the board, {result.Accuracy:0.####} on the host runtime)"), board.Seconds, board.PeakRssBytes);
    }
}
