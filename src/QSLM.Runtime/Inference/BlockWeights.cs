using QSLM.Format.Packed;

namespace QSLM.Runtime.Inference;

/// <summary>One SpikeGPT block's weights: the matrices stay packed in the mapped file; the small
/// vectors (LayerNorms, time-mix, decay) are decoded once at load.</summary>
internal sealed class BlockWeights
{
    public BlockWeights(PackedModel model, int index, int width)
    {
        var prefix = $"blocks.{index}.";
        float[] Vector(string name) => RuntimeTensors.Vector(model, prefix + name, width);
        if (index == 0)
        {
            Ln0Weight = Vector("ln0.weight");
            Ln0Bias = Vector("ln0.bias");
        }
        Ln1Weight = Vector("ln1.weight");
        Ln1Bias = Vector("ln1.bias");
        Ln2Weight = Vector("ln2.weight");
        Ln2Bias = Vector("ln2.bias");
        // RWKV-4: w = -exp(time_decay) and u = time_first, both in float32, fixed per model.
        Decay = Vector("att.time_decay").Select(d => -MathF.Exp(d)).ToArray();
        First = Vector("att.time_first");
        AttMixK = Vector("att.time_mix_k");
        AttMixV = Vector("att.time_mix_v");
        AttMixR = Vector("att.time_mix_r");
        FfnMixK = Vector("ffn.time_mix_k");
        FfnMixR = Vector("ffn.time_mix_r");
        AttKey = RuntimeTensors.Matrix(model, prefix + "att.key.weight", width, width);
        AttValue = RuntimeTensors.Matrix(model, prefix + "att.value.weight", width, width);
        AttReceptance = RuntimeTensors.Matrix(model, prefix + "att.receptance.weight", width, width);
        AttOutput = RuntimeTensors.Matrix(model, prefix + "att.output.weight", width, width);
        FfnKey = RuntimeTensors.Matrix(model, prefix + "ffn.key.weight", 4 * width, width);
        FfnReceptance = RuntimeTensors.Matrix(model, prefix + "ffn.receptance.weight", width, width);
        FfnValue = RuntimeTensors.Matrix(model, prefix + "ffn.value.weight", width, 4 * width);
    }

    public float[]? Ln0Weight { get; }
    public float[]? Ln0Bias { get; }
    public float[] Ln1Weight { get; }
    public float[] Ln1Bias { get; }
    public float[] Ln2Weight { get; }
    public float[] Ln2Bias { get; }
    public float[] Decay { get; }
    public float[] First { get; }
    public float[] AttMixK { get; }
    public float[] AttMixV { get; }
    public float[] AttMixR { get; }
    public float[] FfnMixK { get; }
    public float[] FfnMixR { get; }
    public PackedMatrix AttKey { get; }
    public PackedMatrix AttValue { get; }
    public PackedMatrix AttReceptance { get; }
    public PackedMatrix AttOutput { get; }
    public PackedMatrix FfnKey { get; }
    public PackedMatrix FfnReceptance { get; }
    public PackedMatrix FfnValue { get; }

    public IEnumerable<PackedMatrix> Matrices => [AttKey, AttValue, AttReceptance, AttOutput, FfnKey, FfnReceptance, FfnValue];
}
