using System.Globalization;
using QSLM.Harness.Verification;
using QSLM.Protocol.Messages;

namespace QSLM.Harness.Claims;

/// <summary>
/// The data both sides of a claim are checked on, the board scoring each packed file through its agent and the host
/// scoring the same file with the same runtime code: the first SST-2 dev sentences for a classifier (every prediction
/// must be the same), the first WikiText-2 test tokens for a language model (the perplexity within a relative
/// tolerance: the board's kernels may round in another order). It also defines the claim's inference.
/// </summary>
public sealed class ClaimCheckData
{
    private readonly CheckData _data;

    private ClaimCheckData(bool languageModel, CheckData data, double tolerance)
    {
        (LanguageModel, _data, Tolerance) = (languageModel, data, tolerance);
    }

    /// <summary>Whether the models are language models (checked by perplexity).</summary>
    public bool LanguageModel { get; }

    /// <summary>The relative perplexity tolerance (0 for a classifier: every prediction must agree).</summary>
    public double Tolerance { get; }

    /// <summary>Tokens of one inference: a check sentence's mean length for a classifier, the check's token run for a language model.</summary>
    public double TokensPerInference => LanguageModel ? _data.Test.Length : _data.Dev.Average(s => s.Tokens.Length);

    /// <summary>What an inference is, in words, for the report.</summary>
    public string Inference => LanguageModel
        ? string.Create(CultureInfo.InvariantCulture, $"one inference is one pass over the check's {_data.Test.Length} WikiText-2 test tokens (energy per token × {_data.Test.Length})")
        : string.Create(CultureInfo.InvariantCulture, $"one inference is the classification of one SST-2 sentence of the check data, {TokensPerInference:0.##} tokens on average (energy per token × {TokensPerInference:0.##})");

    /// <summary>The check data in words.</summary>
    public string Description => LanguageModel
        ? string.Create(CultureInfo.InvariantCulture, $"perplexity over {_data.Describe(false)}, board within {Tolerance:0.###%} of the host runtime on the same file")
        : string.Create(CultureInfo.InvariantCulture, $"SST-2 predictions on {_data.Describe(true)}, identical on the board and the host runtime on the same file");

    /// <summary>Loads the check data for models of the given kind.</summary>
    public static ClaimCheckData Load(bool languageModel, int sentences, int tokens, double tolerance) =>
        new(languageModel, CheckData.Load(sentences, tokens), languageModel ? tolerance : 0);

    /// <summary>The board's request for <paramref name="sha256"/>.</summary>
    public RunEvaluation Request(string sha256) => _data.Request(!LanguageModel) with { Sha256 = sha256 };

    /// <summary>Compares the board's <paramref name="board"/> with the host runtime's answer on <paramref name="model"/>.</summary>
    public AgreementCheck Compare(ClaimModel model, EvaluationResult board)
    {
        var host = _data.Answer(model.Path, !LanguageModel);
        var inv = CultureInfo.InvariantCulture;
        if (LanguageModel)
        {
            var off = Math.Abs((board.Metric / host.Metric) - 1);
            var agrees = off <= Tolerance;
            return new AgreementCheck(model.Label, "perplexity", board.Metric, host.Metric, agrees, off, Tolerance, string.Create(inv,
                $"perplexity {board.Metric:0.####} on the board, {host.Metric:0.####} on the host runtime ({off:0.###%} apart, tolerance {Tolerance:0.###%})"), board.Seconds, board.PeakRssBytes);
        }
        var sentences = _data.Dev.Count;
        var differ = host.Predictions.Zip(board.Predictions).Count(p => p.First != p.Second) + Math.Abs(host.Predictions.Count - board.Predictions.Count);
        return new AgreementCheck(model.Label, "accuracy", board.Metric, host.Metric, differ == 0, differ, 0, string.Create(inv,
            $"{sentences - differ} of {sentences} SST-2 predictions identical (accuracy {board.Metric:0.####} on the board, {host.Metric:0.####} on the host runtime)"), board.Seconds, board.PeakRssBytes);
    }
}
