using QSLM.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSLM.Model.Layers;

/// <summary>
/// RWKV-4 channel-mix (Peng et al., arXiv:2305.13048, eq. 17-19):
/// <c>sigmoid(receptance(xr)) · value(relu(key(xk))²)</c> with token shift. Names match the
/// reference state dict (<c>ffn.key</c> 4C×C, <c>ffn.value</c> C×4C, <c>ffn.receptance</c> C×C).
/// </summary>
public sealed class ChannelMix : nn.Module
{
    // Field names equal the registered (reference state-dict) names: TorchSharp matches fields to
    // registrations by name when it moves or converts a module, and may register fields by name.
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear receptance;

    // Projections (key, value, receptance) whose input is quantized as the board's A8 kernels do.
    private readonly HashSet<string> _quantizedInputs = new(StringComparer.Ordinal);

    /// <summary>Creates the layer with RWKV-4's layer-dependent initialisation.</summary>
    public ChannelMix(int layer, int layers, int width) : base("ffn")
    {
        var (mixK, mixR) = InitialVectors(layer, layers, width);
        key = nn.Linear(width, 4 * width, hasBias: false);
        value = nn.Linear(4 * width, width, hasBias: false);
        receptance = nn.Linear(width, width, hasBias: false);
        register_parameter("time_mix_k", new Parameter(mixK));
        register_parameter("time_mix_r", new Parameter(mixR));
        register_module("key", key);
        register_module("receptance", receptance);
        register_module("value", value);
    }

    /// <summary>Whole-sequence forward over (B, T, C); returns the output and the new shift state.</summary>
    public (Tensor Output, Tensor Shift) Forward(Tensor x, Tensor shift)
    {
        var steps = (int)x.shape[1];
        var previous = cat([shift.unsqueeze(1), x.narrow(1, 0, steps - 1)], 1);
        return (Mix(x, previous), x.select(1, steps - 1));
    }

    /// <summary>One token (B, C).</summary>
    public (Tensor Output, Tensor Shift) Step(Tensor x, Tensor shift) => (Mix(x, shift), x);

    // The reference initialisation of the mix vectors. Its temporaries are freed by the scope, on this
    // thread; the two results leave it.
    private static (Tensor MixK, Tensor MixR) InitialVectors(int layer, int layers, int width)
    {
        using var scope = NewDisposeScope();
        var ratio1ToAlmost0 = 1.0 - (double)layer / layers;
        var position = ScalarArithmetic.Range(width, ScalarType.Float32).Over(width);
        return (position.Power(ratio1ToAlmost0).reshape(1, 1, width).DetachFromDisposeScope(),
            position.Power(ratio1ToAlmost0).reshape(1, 1, width).DetachFromDisposeScope());
    }

    private Tensor Mix(Tensor x, Tensor previous)
    {
        // Looked up by name: Module.to() replaces registered parameters.
        var mk = get_parameter("time_mix_k")!.reshape(-1);
        var mr = get_parameter("time_mix_r")!.reshape(-1);
        var xk = (x * mk).Plus(previous * 1.0.Minus(mk));
        var xr = (x * mr).Plus(previous * 1.0.Minus(mr));
        var k = nn.functional.relu(Project(key, "key", xk)).Power(2);
        return Project(receptance, "receptance", xr).sigmoid() * Project(value, "value", k);
    }

    /// <summary>Quantizes the input of each projection (<c>key</c>, <c>value</c>, <c>receptance</c>) that
    /// <paramref name="quantizes"/> names, as an A8 format does on the board; the others take floats.</summary>
    public void QuantizeInputs(Func<string, bool> quantizes)
    {
        _quantizedInputs.Clear();
        foreach (var name in new[] { "key", "value", "receptance" })
        {
            if (quantizes(name)) _quantizedInputs.Add(name);
        }
    }

    private Tensor Project(Linear projection, string name, Tensor input) =>
        projection.forward(_quantizedInputs.Contains(name) ? Quantization.ActivationFakeQuantizer.Apply(input) : input);
}
