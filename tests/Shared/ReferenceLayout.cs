namespace QSLM.Tests.Shared;

/// <summary>
/// The state-dict layout of the reference SpikeGPT implementation, written out independently of
/// the model code (from the reference <c>model.py</c> as DESIGN.md lists it), so a renamed or
/// reshaped parameter fails the tests.
/// </summary>
internal static class ReferenceLayout
{
    public static Dictionary<string, long[]> For(int layers, int width, int vocab, bool lmHead = true, int classes = 0)
    {
        var c = width;
        var keys = new Dictionary<string, long[]> { ["emb.weight"] = [vocab, c] };
        for (var i = 0; i < layers; i++)
        {
            var b = $"blocks.{i}.";
            if (i == 0)
            {
                keys[b + "ln0.weight"] = [c];
                keys[b + "ln0.bias"] = [c];
            }
            foreach (var ln in new[] { "ln1", "ln2" })
            {
                keys[b + ln + ".weight"] = [c];
                keys[b + ln + ".bias"] = [c];
            }
            keys[b + "att.time_decay"] = [c];
            keys[b + "att.time_first"] = [c];
            foreach (var m in new[] { "k", "v", "r" }) keys[b + "att.time_mix_" + m] = [1, 1, c];
            foreach (var m in new[] { "key", "value", "receptance", "output" }) keys[b + $"att.{m}.weight"] = [c, c];
            keys[b + "ffn.time_mix_k"] = [1, 1, c];
            keys[b + "ffn.time_mix_r"] = [1, 1, c];
            keys[b + "ffn.key.weight"] = [4 * c, c];
            keys[b + "ffn.receptance.weight"] = [c, c];
            keys[b + "ffn.value.weight"] = [c, 4 * c];
        }
        keys["ln_out.weight"] = [c];
        keys["ln_out.bias"] = [c];
        if (lmHead) keys["head.weight"] = [vocab, c];
        if (classes > 0)
        {
            keys["cls.weight"] = [classes, c];
            keys["cls.bias"] = [classes];
        }
        return keys;
    }
}
