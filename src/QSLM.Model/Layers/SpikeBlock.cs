using QSLM.Model.Spiking;
using QSLM.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSLM.Model.Layers;

/// <summary>
/// One SpikeGPT block (Zhu et al., arXiv:2302.13939, Fig. 1): <c>ln0</c> on block 0 only, then
/// <c>x + LIF1(att(ln1(x)))</c> and <c>x + LIF2(ffn(ln2(x)))</c>. LayerNorm eps is PyTorch's 1e-5.
/// </summary>
public sealed class SpikeBlock : nn.Module
{
    /// <summary>PyTorch's LayerNorm default epsilon, which reference checkpoints were trained with.</summary>
    public const double LayerNormEpsilon = 1e-5;

    // Field names equal the registered (reference state-dict) names: TorchSharp matches fields to
    // registrations by name when it moves or converts a module, and may register fields by name.
    private readonly LayerNorm? ln0;
    private readonly LayerNorm ln1;
    private readonly LayerNorm ln2;
    private readonly TimeMix att;
    private readonly ChannelMix ffn;

    /// <summary>Creates block <paramref name="layer"/> of <paramref name="layers"/>.</summary>
    public SpikeBlock(int layer, int layers, int width) : base($"block{layer}")
    {
        ln1 = nn.LayerNorm(width, LayerNormEpsilon);
        ln2 = nn.LayerNorm(width, LayerNormEpsilon);
        att = new TimeMix(layer, layers, width);
        ffn = new ChannelMix(layer, layers, width);
        register_module("ln1", ln1);
        register_module("ln2", ln2);
        if (layer == 0)
        {
            ln0 = nn.LayerNorm(width, LayerNormEpsilon);
            register_module("ln0", ln0);
        }
        register_module("att", att);
        register_module("ffn", ffn);
    }

    /// <summary>Quantizes the input of each projection whose weight (named relative to the block, e.g.
    /// <c>att.key.weight</c>) <paramref name="quantizes"/> names, as the board's A8 kernels do.</summary>
    public void QuantizeInputs(Func<string, bool> quantizes)
    {
        att.QuantizeInputs(name => quantizes($"att.{name}.weight"));
        ffn.QuantizeInputs(name => quantizes($"ffn.{name}.weight"));
    }

    /// <summary>Whole-sequence forward over (B, T, C).</summary>
    public (Tensor Output, LayerState State) Forward(Tensor x, LayerState state)
    {
        if (ln0 is not null) x = ln0.forward(x);
        var (attOut, attShift, num, den, max) = att.Forward(ln1.forward(x), state.AttShift, state.WkvNumerator, state.WkvDenominator, state.WkvMax);
        var (attSpikes, attMembrane) = LifNeuron.Run(attOut, state.AttMembrane);
        x = x.Plus(attSpikes);
        var (ffnOut, ffnShift) = ffn.Forward(ln2.forward(x), state.FfnShift);
        var (ffnSpikes, ffnMembrane) = LifNeuron.Run(ffnOut, state.FfnMembrane);
        x = x.Plus(ffnSpikes);
        return (x, new LayerState(attShift, num, den, max, ffnShift, attMembrane, ffnMembrane));
    }

    /// <summary>One token (B, C).</summary>
    public (Tensor Output, LayerState State) Step(Tensor x, LayerState state)
    {
        if (ln0 is not null) x = ln0.forward(x);
        var (attOut, attShift, num, den, max) = att.Step(ln1.forward(x), state.AttShift, state.WkvNumerator, state.WkvDenominator, state.WkvMax);
        var (attSpikes, attMembrane) = LifNeuron.Step(attOut, state.AttMembrane);
        x = x.Plus(attSpikes);
        var (ffnOut, ffnShift) = ffn.Step(ln2.forward(x), state.FfnShift);
        var (ffnSpikes, ffnMembrane) = LifNeuron.Step(ffnOut, state.FfnMembrane);
        x = x.Plus(ffnSpikes);
        return (x, new LayerState(attShift, num, den, max, ffnShift, attMembrane, ffnMembrane));
    }
}
