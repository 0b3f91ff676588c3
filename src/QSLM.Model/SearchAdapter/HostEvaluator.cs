using QSLM.Data;
using QSLM.Errors;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;
using CandidateEvaluation = QSLM.Search.Tiers.Evaluation;
using static TorchSharp.torch;

namespace QSLM.Model.SearchAdapter;

/// <summary>
/// The search's libtorch adapter (everything of the search that needs TorchSharp is here).
/// Evaluates candidates on the host: the model with each tensor fake-quantized by the same codecs
/// the packed file and the board runtime use (so host accuracy and board behaviour agree by
/// construction), scored on SST-2 dev sentences or WikiText-2 test tokens. Each tensor's
/// dequantized values are computed once per format and reused, so a candidate costs one copy of
/// the weights plus the evaluation.
/// </summary>
public sealed class HostEvaluator : IDisposable
{
    private readonly SpikeGpt _model;
    private readonly string _vocabularyHash;
    private readonly Dictionary<string, float[]> _master;
    private readonly Dictionary<(string, ushort), float[]> _decoded = [];

    /// <summary>Evaluates candidates of <paramref name="model"/>, which it takes ownership of.</summary>
    public HostEvaluator(SpikeGpt model, string vocabularyHash)
    {
        _model = model;
        _vocabularyHash = vocabularyHash;
        model.eval();
        _master = model.state_dict().ToDictionary(kv => kv.Key, kv => FakeQuantizer.Values(kv.Value));
        Hierarchy = ModelHierarchy.FromTensors(model.state_dict().Select(kv => (kv.Key, kv.Value.shape)));
    }

    /// <summary>The model's hierarchy.</summary>
    public ModelHierarchy Hierarchy { get; }

    /// <summary>An evaluator that scores candidates by SST-2 accuracy on <paramref name="sentences"/>.</summary>
    public ICandidateEvaluator Sst2Accuracy(IReadOnlyList<Sst2Example> sentences) =>
        sentences.Count == 0 ? throw new InputException("no SST-2 sentences to evaluate")
        : new Scoring(this, m => Sst2Evaluator.Evaluate(m, sentences).Accuracy);

    /// <summary>An evaluator that scores candidates by perplexity on <paramref name="tokens"/>.</summary>
    public ICandidateEvaluator Perplexity(long[] tokens, long startToken) =>
        tokens.Length == 0 ? throw new InputException("no WikiText-2 tokens to evaluate")
        : new Scoring(this, m => PerplexityEvaluator.Evaluate(m, tokens, startToken).Perplexity);

    private CandidateEvaluation Evaluate(Precisions precisions, Func<SpikeGpt, double> metric)
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
        _model.QuantizeInputs(name => assignment.FormatOf(name).QuantizesActivations);
        return new CandidateEvaluation(metric(_model), ModelPacker.Footprint(_model, assignment, _vocabularyHash));
    }

    private float[] Values(string name, long[] shape, QuantFormat format)
    {
        // An A8 format stores its weight-only twin's weights: one decoded copy serves both.
        format = QuantFormats.WeightOnly(format);
        if (format.Id == QuantFormats.Fp32.Id) return _master[name];
        if (_decoded.TryGetValue((name, format.Id), out var cached)) return cached;
        var spec = new Format.Packed.PackedFileLayout.TensorSpec(name, shape, format);
        var values = QuantCodecs.RoundTrip(format, _master[name], checked((int)spec.Rows), checked((int)spec.Columns));
        _decoded[(name, format.Id)] = values;
        return values;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private sealed class Scoring(HostEvaluator host, Func<SpikeGpt, double> metric) : ICandidateEvaluator
    {
        // One evaluation is a synchronous libtorch call (no_grad is per thread); a cancellation is
        // honoured between evaluations, and the search never waits on more than one.
        public ValueTask<CandidateEvaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(host.Evaluate(precisions, metric));
        }
    }
}
