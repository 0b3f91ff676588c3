using QSLM.Model.Layers;
using QSLM.Model.Spiking;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSLM.Model;

/// <summary>
/// SpikeGPT (Zhu et al., "SpikeGPT: Generative Pre-trained Language Model with Spiking Neural
/// Networks", arXiv:2302.13939): binary spiking embedding <c>spike(emb(idx))</c>, a stack of
/// <see cref="SpikeBlock"/>s, <c>ln_out</c>, and an LM head (<c>head</c>, V×C, no bias) and/or a
/// sentence-classification head (<c>cls</c>, mean over tokens then a linear layer). State-dict keys
/// are those of the reference implementation, so its checkpoints load by name.
/// </summary>
public sealed class SpikeGpt : nn.Module
{
    // Field names equal the registered (reference state-dict) names: TorchSharp matches fields to
    // registrations by name when it moves or converts a module, and may register fields by name.
    private readonly Embedding emb;
    private readonly ModuleList<SpikeBlock> blocks;
    private readonly LayerNorm ln_out;
    private readonly Linear? head;
    private readonly Linear? cls;
    private bool _quantizeHeadInput;
    private bool _quantizeClassifierInput;

    /// <summary>Creates a freshly initialised network.</summary>
    public SpikeGpt(SpikeGptConfig config) : base("SpikeGPT")
    {
        config.Validate();
        Config = config;
        emb = nn.Embedding(config.VocabSize, config.Width);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(i => new SpikeBlock(i, config.Layers, config.Width)).ToArray());
        ln_out = nn.LayerNorm(config.Width, SpikeBlock.LayerNormEpsilon);
        register_module("emb", emb);
        register_module("blocks", blocks);
        register_module("ln_out", ln_out);
        if (config.HasLmHead)
        {
            head = nn.Linear(config.Width, config.VocabSize, hasBias: false);
            register_module("head", head);
        }
        if (config.ClassCount > 0)
        {
            cls = nn.Linear(config.Width, config.ClassCount, hasBias: true);
            register_module("cls", cls);
        }
        using (no_grad())
        {
            // RWKV-4's embedding init: tiny uniform values, so the spike (sign) is random but the
            // ATan surrogate sees inputs near 0, where its gradient is largest.
            emb.weight!.uniform_(-1e-4, 1e-4);
        }
    }

    /// <summary>The network's shape.</summary>
    public SpikeGptConfig Config { get; }

    /// <summary>The embedding module, for freezing it while fine-tuning.</summary>
    public Embedding Embedding => emb;

    /// <summary>Floating-point type of the parameters.</summary>
    public ScalarType DType => ln_out.weight!.dtype;

    /// <summary>A fresh recurrent state for <paramref name="batch"/> streams.</summary>
    public SpikeGptState InitialState(long batch) => SpikeGptState.Initial(Config, batch, DType);

    /// <summary>Whole-sequence forward: token ids (B, T) → ln_out features (B, T, C) and the state
    /// after the last token.</summary>
    public (Tensor Features, SpikeGptState State) Forward(Tensor tokens, SpikeGptState? state = null)
    {
        CheckTokens(tokens);
        state ??= InitialState(tokens.shape[0]);
        var x = SpikeFunction.Spike(emb.forward(tokens));
        var next = new LayerState[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            (x, next[i]) = blocks[i].Forward(x, state.Layers[i]);
        }
        return (ln_out.forward(x), new SpikeGptState(next));
    }

    /// <summary>Recurrent forward of one token per stream: ids (B) → features (B, C) and the new state.
    /// This is the form the board runs: O(1) state per block.</summary>
    public (Tensor Features, SpikeGptState State) Step(Tensor tokens, SpikeGptState state)
    {
        CheckTokens(tokens);
        var x = SpikeFunction.Spike(emb.forward(tokens));
        var next = new LayerState[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            (x, next[i]) = blocks[i].Step(x, state.Layers[i]);
        }
        return (ln_out.forward(x), new SpikeGptState(next));
    }

    /// <summary>
    /// Quantizes the input of every matrix product whose weight <paramref name="quantizes"/> names (by its
    /// state-dict key, e.g. <c>blocks.0.att.key.weight</c>), as the board's kernels do for a format with
    /// integer activations (<see cref="Format.Formats.QuantFormat.QuantizesActivations"/>); every other
    /// product takes float inputs. Evaluation only: the rounding has no gradient.
    /// </summary>
    public void QuantizeInputs(Func<string, bool> quantizes)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var prefix = $"blocks.{i}.";
            blocks[i].QuantizeInputs(name => quantizes(prefix + name));
        }
        _quantizeHeadInput = head is not null && quantizes("head.weight");
        _quantizeClassifierInput = cls is not null && quantizes("cls.weight");
    }

    /// <summary>Next-token logits from features of any leading shape.</summary>
    public Tensor LmLogits(Tensor features) =>
        (head ?? throw new InvalidOperationException("this model has no LM head")).forward(_quantizeHeadInput ? Quantization.ActivationFakeQuantizer.Apply(features) : features);

    /// <summary>Class logits (B, classes) from whole-sentence features (B, T, C), averaged over tokens;
    /// <paramref name="dropout"/> drops pooled features while the model is training.</summary>
    public Tensor ClassLogits(Tensor features, double dropout = 0)
    {
        var head = cls ?? throw new InvalidOperationException("this model has no classification head");
        var pooled = features.mean([1]);
        if (dropout > 0 && training) pooled = nn.functional.dropout(pooled, dropout, training: true);
        return head.forward(_quantizeClassifierInput ? Quantization.ActivationFakeQuantizer.Apply(pooled) : pooled);
    }

    private void CheckTokens(Tensor tokens)
    {
        if (tokens.numel() == 0) throw new ArgumentException("no tokens to run");
        var min = tokens.min().item<long>();
        var max = tokens.max().item<long>();
        if (min < 0 || max >= Config.VocabSize)
            throw new ArgumentOutOfRangeException(nameof(tokens), FormattableString.Invariant($"token id {(min < 0 ? min : max)} is outside the vocabulary 0..{Config.VocabSize - 1}"));
    }
}
