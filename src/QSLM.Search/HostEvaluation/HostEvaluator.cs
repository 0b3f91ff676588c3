using QSLM.Data;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Model;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;
using static TorchSharp.torch;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// Evaluates candidates on the host: the model with each tensor fake-quantized by the same codecs
/// the packed file and the board runtime use (so host accuracy and board behaviour agree by
/// construction), scored on SST-2 dev sentences or WikiText-2 test tokens. Each tensor's
/// dequantized values are computed once per format and reused, so a candidate costs one copy of
/// the weights plus the evaluation.
/// </summary>
public sealed class HostEvaluator : ICandidateEvaluator, IDisposable
{
    private readonly SpikeGpt _model;
    private readonly Func<SpikeGpt, double> _metric;
    private readonly string _vocabularyHash;
    private readonly Dictionary<string, float[]> _master;
    private readonly Dictionary<(string, ushort), float[]> _decoded = [];

    private HostEvaluator(SpikeGpt model, Func<SpikeGpt, double> metric, string vocabularyHash)
    {
        _model = model;
        _metric = metric;
        _vocabularyHash = vocabularyHash;
        model.eval();
        _master = model.state_dict().ToDictionary(kv => kv.Key, kv => FakeQuantizer.Values(kv.Value));
        Hierarchy = ModelHierarchy.FromTensors(model.state_dict().Select(kv => (kv.Key, kv.Value.shape)));
    }

    /// <summary>The model's hierarchy.</summary>
    public ModelHierarchy Hierarchy { get; }

    /// <summary>Scores candidates by SST-2 accuracy on <paramref name="sentences"/>; takes ownership of <paramref name="classifier"/>.</summary>
    public static HostEvaluator ForSst2(SpikeGpt classifier, IReadOnlyList<Sst2Example> sentences, string vocabularyHash) =>
        sentences.Count == 0 ? throw new InputException("no SST-2 sentences to evaluate")
        : new(classifier, m => Sst2Evaluator.Evaluate(m, sentences).Accuracy, vocabularyHash);

    /// <summary>Scores candidates by perplexity on <paramref name="tokens"/>; takes ownership of <paramref name="lm"/>.</summary>
    public static HostEvaluator ForPerplexity(SpikeGpt lm, long[] tokens, long startToken, string vocabularyHash) =>
        tokens.Length == 0 ? throw new InputException("no WikiText-2 tokens to evaluate")
        : new(lm, m => PerplexityEvaluator.Evaluate(m, tokens, startToken).Perplexity, vocabularyHash);

    /// <inheritdoc />
    public Evaluation Evaluate(Precisions precisions)
    {
        var assignment = precisions.ToAssignment();
        using (no_grad())
        {
            foreach (var (name, tensor) in _model.state_dict())
            {
                using var scope = NewDisposeScope();
                tensor.copy_(TorchSharp.torch.tensor(Values(name, tensor.shape, assignment.FormatOf(name))).reshape(tensor.shape).to(tensor.dtype));
            }
        }
        return new Evaluation(_metric(_model), ModelPacker.Footprint(_model, assignment, _vocabularyHash));
    }

    private float[] Values(string name, long[] shape, QuantFormat format)
    {
        if (format.Id == QuantFormats.Fp32.Id) return _master[name];
        if (_decoded.TryGetValue((name, format.Id), out var cached)) return cached;
        var spec = new Format.Packed.PackedFileLayout.TensorSpec(name, shape, format);
        var values = QuantCodecs.RoundTrip(format, _master[name], checked((int)spec.Rows), checked((int)spec.Columns));
        _decoded[(name, format.Id)] = values;
        return values;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
