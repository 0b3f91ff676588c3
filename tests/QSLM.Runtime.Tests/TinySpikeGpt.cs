using QSLM.Format.Formats;
using QSLM.Format.Packed;

namespace QSLM.Runtime.Tests;

/// <summary>Writes small random SpikeGPT models straight through the packed-file writer (no
/// TorchSharp), with weights large enough that every LIF layer fires.</summary>
internal static class TinySpikeGpt
{
    public static string Write(string path, int layers = 2, int width = 64, int vocab = 50, bool lmHead = true, int classes = 0, string format = "fp32", int seed = 3)
    {
        var random = new Random(seed);
        var tensors = new List<PackedModelWriter.TensorData>();
        var quant = QuantFormats.Get(format);
        void Add(string name, long[] shape, Func<float> value, bool matrix)
        {
            var count = (int)shape.Aggregate(1L, (a, b) => a * b);
            var values = Enumerable.Range(0, count).Select(_ => value()).ToArray();
            tensors.Add(new(new PackedFileLayout.TensorSpec(name, shape, matrix ? quant : QuantFormats.Fp32), values));
        }
        float Normal(double sd) => (float)(sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        Add("emb.weight", [vocab, width], () => Normal(1), true);
        for (var i = 0; i < layers; i++)
        {
            var p = $"blocks.{i}.";
            if (i == 0)
            {
                Add(p + "ln0.weight", [width], () => 1 + Normal(0.1), false);
                Add(p + "ln0.bias", [width], () => Normal(0.1), false);
            }
            foreach (var ln in new[] { "ln1", "ln2" })
            {
                Add(p + ln + ".weight", [width], () => 1 + Normal(0.1), false);
                Add(p + ln + ".bias", [width], () => Normal(0.1), false);
            }
            Add(p + "att.time_decay", [width], () => Normal(1), false);
            Add(p + "att.time_first", [width], () => Normal(1), false);
            foreach (var mix in new[] { "att.time_mix_k", "att.time_mix_v", "att.time_mix_r", "ffn.time_mix_k", "ffn.time_mix_r" })
                Add(p + mix, [1, 1, width], () => (float)random.NextDouble(), false);
            foreach (var m in new[] { "att.key", "att.value", "att.receptance", "att.output", "ffn.receptance" })
                Add(p + m + ".weight", [width, width], () => Normal(1 / Math.Sqrt(width) * 3), true);
            Add(p + "ffn.key.weight", [4 * width, width], () => Normal(1 / Math.Sqrt(width) * 2), true);
            Add(p + "ffn.value.weight", [width, 4 * width], () => Normal(1 / Math.Sqrt(4 * width) * 3), true);
        }
        Add("ln_out.weight", [width], () => 1 + Normal(0.1), false);
        Add("ln_out.bias", [width], () => Normal(0.1), false);
        if (lmHead) Add("head.weight", [vocab, width], () => Normal(0.5), true);
        if (classes > 0)
        {
            Add("cls.weight", [classes, width], () => Normal(0.5), true);
            Add("cls.bias", [classes], () => Normal(0.1), false);
        }
        PackedModelWriter.Write(path, new ArchitectureConfig("SpikeGPT", layers, width, vocab, lmHead, classes), "tiny", tensors);
        return path;
    }
}
