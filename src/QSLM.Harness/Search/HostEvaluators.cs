using Microsoft.Extensions.Logging;
using QSLM.Format.Formats;
using QSLM.Model.SearchAdapter;
using QSLM.Search.Hierarchy;
using QSLM.Search.HostEvaluation;
using QSLM.Search.Tiers;

namespace QSLM.Harness.Search;

/// <summary>
/// The searched model on the host and its two evaluators (candidates, and sensitivity measurements
/// on a smaller slice), each behind an <see cref="EvaluationCache"/> whose file is named by what
/// decides an evaluation: the models, the data, the code that quantizes and evaluates, the slice.
/// When both slices are the same, both caches share that one file.
/// </summary>
public sealed class HostEvaluators : IDisposable
{
    private readonly HostEvaluator _host;
    private readonly EvaluationCache _candidates;
    private readonly EvaluationCache _sensitivity;

    private HostEvaluators(HostEvaluator host, EvaluationCache candidates, EvaluationCache sensitivity) =>
        (_host, _candidates, _sensitivity) = (host, candidates, sensitivity);

    public ModelHierarchy Hierarchy => _host.Hierarchy;

    /// <summary>Scores candidates (cached).</summary>
    public ICandidateEvaluator Candidates => _candidates;

    /// <summary>Scores sensitivity measurements (cached).</summary>
    public ICandidateEvaluator Sensitivity => _sensitivity;

    /// <summary>Evaluations answered from the caches.</summary>
    public int CacheHits => _candidates.Hits + _sensitivity.Hits;

    /// <summary>Loads the searched model and its two cached evaluators; <paramref name="logger"/> hears of damaged cache lines.</summary>
    public static HostEvaluators Open(HostSearchInputs inputs, string cacheFolder, ILogger logger)
    {
        var model = HostModels.LoadForVocabulary(inputs.IsSst2 ? inputs.Sst2Path : inputs.LmPath, inputs.IsSst2 ? inputs.LmPath : null, inputs.Vocabulary);
        var host = new HostEvaluator(model, inputs.Vocabulary.Hash());
        EvaluationCache? candidates = null;
        try
        {
            var (scoring, sensitivity, slice, sensitivitySlice) = inputs.IsSst2
                ? (host.Sst2Accuracy(inputs.Dev), host.Sst2Accuracy(inputs.Dev.Take(inputs.SensitivitySentences).ToList()), $"s{inputs.Dev.Count}", $"s{inputs.SensitivitySentences}")
                : (host.Perplexity(inputs.Test, inputs.StartToken), host.Perplexity(inputs.Test[..inputs.SensitivityTokens], inputs.StartToken), $"t{inputs.Test.Length}", $"t{inputs.SensitivityTokens}");
            // What decides an evaluation: the models, the data, and the code that quantizes and
            // evaluates (deterministic builds give the same assemblies for the same source).
            var code = new[] { typeof(QuantFormats), typeof(Model.SpikeGpt), typeof(HostEvaluator), typeof(Precisions) }.Select(t => t.Assembly).Distinct().Select(a => SearchManifest.Sha256(a.Location));
            var key = string.Join('-', inputs.ModelSha256.Values.Concat(inputs.DataSha256.Values).Concat(code).Select(h => h[..12]));
            void Warn(string line) => logger.LogWarning("{Warning}", line);
            candidates = new EvaluationCache(Path.Combine(cacheFolder, $"{key}-{slice}.csv"), scoring, Warn);
            return new HostEvaluators(host, candidates, new EvaluationCache(Path.Combine(cacheFolder, $"{key}-{sensitivitySlice}.csv"), sensitivity, Warn));
        }
        catch
        {
            candidates?.Dispose();
            host.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _sensitivity.Dispose();
        _candidates.Dispose();
        _host.Dispose();
    }
}
