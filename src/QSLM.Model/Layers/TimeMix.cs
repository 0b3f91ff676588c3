using QSLM.Model.Tensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace QSLM.Model.Layers;

/// <summary>
/// RWKV-4 time-mix (Peng et al., "RWKV: Reinventing RNNs for the Transformer Era", arXiv:2305.13048,
/// eq. 11-16) as SpikeGPT uses it: token shift, k/v/r projections of mixed inputs,
/// <c>sigmoid(r) · WKV(w = -exp(time_decay), u = time_first, k, v)</c> computed in float32, then the
/// output projection. Parameter names match the reference state dict.
/// </summary>
public sealed class TimeMix : nn.Module
{
    // Field names equal the registered (reference state-dict) names: TorchSharp matches fields to
    // registrations by name when it moves or converts a module, and may register fields by name.
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear receptance;
    private readonly Linear output;

    // Projections (key, value, receptance, output) whose input is quantized as the board's A8 kernels do.
    private readonly HashSet<string> _quantizedInputs = new(StringComparer.Ordinal);

    /// <summary>Creates the layer with RWKV-4's layer-dependent initialisation.</summary>
    public TimeMix(int layer, int layers, int width) : base("att")
    {
        var (decay, first, mixK, mixV, mixR) = InitialVectors(layer, layers, width);
        key = nn.Linear(width, width, hasBias: false);
        value = nn.Linear(width, width, hasBias: false);
        receptance = nn.Linear(width, width, hasBias: false);
        output = nn.Linear(width, width, hasBias: false);
        // Vectors are looked up by name on use: Module.to() replaces registered parameters, and
        // only fields named exactly like their registration would be updated with them.
        register_parameter("time_decay", new Parameter(decay));
        register_parameter("time_first", new Parameter(first));
        register_parameter("time_mix_k", new Parameter(mixK));
        register_parameter("time_mix_v", new Parameter(mixV));
        register_parameter("time_mix_r", new Parameter(mixR));
        register_module("key", key);
        register_module("value", value);
        register_module("receptance", receptance);
        register_module("output", output);
    }

    /// <summary>Whole-sequence forward over <paramref name="x"/> (B, T, C) from the given state;
    /// returns the output (B, T, C) and the state after the last token.</summary>
    public (Tensor Output, Tensor Shift, Tensor Numerator, Tensor Denominator, Tensor Max) Forward(
        Tensor x, Tensor shift, Tensor numerator, Tensor denominator, Tensor max)
    {
        var steps = (int)x.shape[1];
        var previous = cat([shift.unsqueeze(1), x.narrow(1, 0, steps - 1)], 1);
        var (k, v, r) = Project(x, previous);
        var wkvType = numerator.dtype;
        k = k.to(wkvType);
        v = v.to(wkvType);
        var w = -Vector("time_decay").to(wkvType).exp();
        var u = Vector("time_first").to(wkvType);
        var outputs = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            (outputs[t], numerator, denominator, max) = WkvStep(k.select(1, t), v.select(1, t), w, u, numerator, denominator, max);
        }
        var wkv = stack(outputs, 1).to(x.dtype);
        var result = Project(output, "output", r.sigmoid() * wkv);
        return (result, x.select(1, steps - 1), numerator, denominator, max);
    }

    /// <summary>One token: <paramref name="x"/> is (B, C).</summary>
    public (Tensor Output, Tensor Shift, Tensor Numerator, Tensor Denominator, Tensor Max) Step(
        Tensor x, Tensor shift, Tensor numerator, Tensor denominator, Tensor max)
    {
        var (k, v, r) = Project(x, shift);
        var wkvType = numerator.dtype;
        var w = -Vector("time_decay").to(wkvType).exp();
        var u = Vector("time_first").to(wkvType);
        var (wkv, a, b, p) = WkvStep(k.to(wkvType), v.to(wkvType), w, u, numerator, denominator, max);
        return (Project(output, "output", r.sigmoid() * wkv.to(x.dtype)), x, a, b, p);
    }

    // The reference initialisation of the decay, bonus and mix vectors. Its temporaries are freed by
    // the scope, on this thread; the five results leave it.
    private static (Tensor Decay, Tensor First, Tensor MixK, Tensor MixV, Tensor MixR) InitialVectors(int layer, int layers, int width)
    {
        using var scope = NewDisposeScope();
        var ratio0To1 = layers > 1 ? (double)layer / (layers - 1) : 0.0;
        var ratio1ToAlmost0 = 1.0 - (double)layer / layers;
        var position = ScalarArithmetic.Range(width, ScalarType.Float32).Over(width);
        var decay = ScalarArithmetic.Range(width, ScalarType.Float32)
            .Over(Math.Max(1, width - 1))
            .Power(0.7 + 1.3 * ratio0To1)
            .Times(8).Minus(5.0);
        var zigzag = ScalarArithmetic.Range(width, ScalarType.Int64).Plus(1L).Modulo(3).Minus(1L).to(ScalarType.Float32).Times(0.5);
        return (
            decay.DetachFromDisposeScope(),
            ones(width).Times(Math.Log(0.3)).Plus(zigzag).DetachFromDisposeScope(),
            position.Power(ratio1ToAlmost0).reshape(1, 1, width).DetachFromDisposeScope(),
            position.Power(ratio1ToAlmost0).Plus(0.3 * ratio0To1).reshape(1, 1, width).DetachFromDisposeScope(),
            position.Power(0.5 * ratio1ToAlmost0).reshape(1, 1, width).DetachFromDisposeScope());
    }

    private (Tensor K, Tensor V, Tensor R) Project(Tensor x, Tensor previous)
    {
        Tensor Mix(string name)
        {
            var m = Vector(name);
            return (x * m).Plus(previous * 1.0.Minus(m));
        }
        return (Project(key, "key", Mix("time_mix_k")), Project(value, "value", Mix("time_mix_v")), Project(receptance, "receptance", Mix("time_mix_r")));
    }

    /// <summary>Quantizes the input of each projection (<c>key</c>, <c>value</c>, <c>receptance</c>, <c>output</c>)
    /// that <paramref name="quantizes"/> names, as an A8 format does on the board; the others take floats.</summary>
    public void QuantizeInputs(Func<string, bool> quantizes)
    {
        _quantizedInputs.Clear();
        foreach (var name in new[] { "key", "value", "receptance", "output" })
        {
            if (quantizes(name)) _quantizedInputs.Add(name);
        }
    }

    private Tensor Project(Linear projection, string name, Tensor input) =>
        projection.forward(_quantizedInputs.Contains(name) ? Quantization.ActivationFakeQuantizer.Apply(input) : input);

    private Tensor Vector(string name) => get_parameter(name)!.reshape(-1);

    /// <summary>RWKV-4's stabilised WKV recurrence for one token (the reference CUDA kernel's loop body).</summary>
    private static (Tensor Y, Tensor Numerator, Tensor Denominator, Tensor Max) WkvStep(
        Tensor k, Tensor v, Tensor w, Tensor u, Tensor numerator, Tensor denominator, Tensor max)
    {
        var withBonus = u.Plus(k);
        var p = maximum(max, withBonus);
        var e1 = (max - p).exp();
        var e2 = (withBonus - p).exp();
        var y = (e1 * numerator).Plus(e2 * v) / (e1 * denominator).Plus(e2);
        var decayed = w.Plus(max);
        var q = maximum(decayed, k);
        var f1 = (decayed - q).exp();
        var f2 = (k - q).exp();
        return (y, (f1 * numerator).Plus(f2 * v), (f1 * denominator).Plus(f2), q);
    }
}
