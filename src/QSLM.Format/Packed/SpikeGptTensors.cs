using System.Globalization;

namespace QSLM.Format.Packed;

/// <summary>A tensor an architecture holds: its state-dict name and exact shape.</summary>
/// <param name="Name">State-dict name, e.g. <c>blocks.0.att.key.weight</c>.</param>
/// <param name="Shape">Exact shape.</param>
public sealed record ExpectedTensor(string Name, long[] Shape);

/// <summary>
/// The tensors of a SpikeGPT (Zhu et al., arXiv:2302.13939) with the reference implementation's
/// state-dict names, in state-dict order. The writer refuses to pack anything else and the reader
/// refuses a file whose manifest holds anything else, so a file can neither gain, lose nor rename a
/// tensor without also being refused; the host model's own state dict is checked against this list
/// by the writer each time it packs one.
/// </summary>
public static class SpikeGptTensors
{
    /// <summary>The only family this list describes.</summary>
    public const string Family = "SpikeGPT";

    /// <summary>Why <paramref name="architecture"/> describes no SpikeGPT, or null when it does.</summary>
    public static string? Invalid(ArchitectureConfig architecture) => architecture switch
    {
        { Family: not Family } => $"family '{PackedText.Quote(architecture.Family ?? "")}' is not {Family}",
        { Layers: < 1 } or { Width: < 1 } or { VocabSize: < 2 } or { ClassCount: < 0 } =>
            string.Create(CultureInfo.InvariantCulture, $"layers {architecture.Layers}, width {architecture.Width}, vocabulary {architecture.VocabSize} and {architecture.ClassCount} classes is not a network (layers and width at least 1, vocabulary at least 2, classes at least 0)"),
        { HasLmHead: false, ClassCount: 0 } => "the network has neither an LM head nor a classification head",
        _ => null,
    };

    /// <summary>Every tensor of <paramref name="architecture"/> (which must be valid: see <see cref="Invalid"/>).</summary>
    public static IEnumerable<ExpectedTensor> Of(ArchitectureConfig architecture)
    {
        if (Invalid(architecture) is { } reason) throw new ArgumentException(reason, nameof(architecture));
        long c = architecture.Width, v = architecture.VocabSize;
        yield return new("emb.weight", [v, c]);
        for (var i = 0; i < architecture.Layers; i++)
        {
            var p = string.Create(CultureInfo.InvariantCulture, $"blocks.{i}.");
            foreach (var norm in i == 0 ? new[] { "ln1", "ln2", "ln0" } : ["ln1", "ln2"])
            {
                yield return new(p + norm + ".weight", [c]);
                yield return new(p + norm + ".bias", [c]);
            }
            yield return new(p + "att.time_decay", [c]);
            yield return new(p + "att.time_first", [c]);
            yield return new(p + "att.time_mix_k", [1, 1, c]);
            yield return new(p + "att.time_mix_v", [1, 1, c]);
            yield return new(p + "att.time_mix_r", [1, 1, c]);
            yield return new(p + "att.key.weight", [c, c]);
            yield return new(p + "att.value.weight", [c, c]);
            yield return new(p + "att.receptance.weight", [c, c]);
            yield return new(p + "att.output.weight", [c, c]);
            yield return new(p + "ffn.time_mix_k", [1, 1, c]);
            yield return new(p + "ffn.time_mix_r", [1, 1, c]);
            yield return new(p + "ffn.key.weight", [4 * c, c]);
            yield return new(p + "ffn.receptance.weight", [c, c]);
            yield return new(p + "ffn.value.weight", [c, 4 * c]);
        }
        yield return new("ln_out.weight", [c]);
        yield return new("ln_out.bias", [c]);
        if (architecture.HasLmHead) yield return new("head.weight", [v, c]);
        if (architecture.ClassCount > 0)
        {
            yield return new("cls.weight", [architecture.ClassCount, c]);
            yield return new("cls.bias", [architecture.ClassCount]);
        }
    }

    /// <summary>
    /// Why the tensors <paramref name="actual"/> (name, shape) are not exactly those of
    /// <paramref name="architecture"/>, or null when they are: the first tensor that is not one of them,
    /// has another shape, or is missing.
    /// </summary>
    public static string? Mismatch(ArchitectureConfig architecture, IReadOnlyList<(string Name, long[] Shape)> actual)
    {
        if (Invalid(architecture) is { } reason) return "invalid architecture: " + reason;
        // Every block holds tensors, so more blocks than tensors is a lie; checking it first also keeps
        // a huge layer count from enumerating millions of names.
        if (architecture.Layers > actual.Count)
            return string.Create(CultureInfo.InvariantCulture, $"the architecture claims {architecture.Layers} blocks but the manifest lists {actual.Count} tensors");
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var t in Of(architecture)) expected.Add(t.Name, t.Shape);
        foreach (var (name, shape) in actual)
        {
            if (!expected.Remove(name, out var want))
                return $"tensor '{PackedText.Quote(name)}' is not part of a {Describe(architecture)}";
            if (!shape.AsSpan().SequenceEqual(want))
                return $"{PackedText.Quote(name)} has shape [{string.Join(", ", shape)}], expected [{string.Join(", ", want)}] for the architecture in the manifest";
        }
        return expected.Count == 0 ? null : $"the manifest lacks {expected.Keys.First()}, which a {Describe(architecture)} needs";
    }

    /// <summary>A short description of the network, e.g. <c>SpikeGPT of 6 blocks, width 512, vocabulary 50277, LM head</c>.</summary>
    public static string Describe(ArchitectureConfig a) => string.Create(CultureInfo.InvariantCulture,
        $"{Family} of {a.Layers} blocks, width {a.Width}, vocabulary {a.VocabSize}{(a.HasLmHead ? ", LM head" : "")}{(a.ClassCount > 0 ? $", {a.ClassCount}-class head" : "")}");
}
