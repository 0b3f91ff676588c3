using System.Globalization;
using System.Text.RegularExpressions;
using QSLM.Errors;
using static TorchSharp.torch;

namespace QSLM.Model.Checkpoints;

/// <summary>
/// Loads a SpikeGPT from a state dict by name, inferring depth, width and vocabulary from the
/// tensors' shapes, and refuses a checkpoint whose tensors are missing, unexpected or mis-shaped,
/// listing each of them.
/// </summary>
public static partial class SpikeGptCheckpoint
{
    /// <summary>Infers the configuration from the names and shapes of <paramref name="tensors"/>.</summary>
    public static SpikeGptConfig InferConfig(IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        if (!tensors.TryGetValue("emb.weight", out var emb) || emb.dim() != 2)
            throw new InputException($"{source}: no 2-D 'emb.weight'; not a SpikeGPT checkpoint (keys: {Summarise(tensors.Keys)})");
        var layers = tensors.Keys
            .Select(k => BlockIndex().Match(k))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0)
            .Max();
        if (layers == 0) throw new InputException($"{source}: no 'blocks.N.*' tensors; not a SpikeGPT checkpoint");
        var classes = tensors.TryGetValue("cls.weight", out var cls) && cls.dim() == 2 ? (int)cls.shape[0] : 0;
        return new SpikeGptConfig(layers, (int)emb.shape[1], (int)emb.shape[0], tensors.ContainsKey("head.weight"), classes);
    }

    /// <summary>Lists every missing, unexpected or mis-shaped tensor of <paramref name="tensors"/>
    /// against <paramref name="model"/>'s state dict; empty when they match.</summary>
    public static IReadOnlyList<string> Mismatches(SpikeGpt model, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var expected = model.state_dict();
        var problems = new List<string>();
        foreach (var (name, tensor) in expected)
        {
            if (!tensors.TryGetValue(name, out var actual)) problems.Add($"missing {name} {Shape(tensor)}");
            else if (!actual.shape.SequenceEqual(tensor.shape)) problems.Add($"mis-shaped {name}: {Shape(actual)}, expected {Shape(tensor)}");
        }
        problems.AddRange(tensors.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"unexpected {k} {Shape(tensors[k])}"));
        return problems;
    }

    /// <summary>Reads <paramref name="path"/> into a new model. A classifier checkpoint that omits
    /// the shared embedding takes <c>emb.weight</c> from <paramref name="embeddingSource"/>.</summary>
    public static SpikeGpt Load(string path, string? embeddingSource = null)
    {
        var tensors = CheckpointFile.Read(path);
        // The file's tensors are freed here once copied, not left to the finalizer thread.
        var read = new List<Dictionary<string, Tensor>> { tensors };
        try
        {
            if (!tensors.ContainsKey("emb.weight") && embeddingSource is not null)
            {
                var shared = CheckpointFile.Read(embeddingSource);
                read.Add(shared);
                if (!shared.TryGetValue("emb.weight", out var emb))
                    throw new InputException($"{embeddingSource}: has no 'emb.weight' to share with {path}");
                tensors["emb.weight"] = emb;
            }
            var config = InferConfig(tensors, path);
            var model = new SpikeGpt(config);
            try
            {
                Assign(model, tensors, path);
            }
            catch
            {
                model.Dispose();
                throw;
            }
            return model;
        }
        finally
        {
            foreach (var tensor in read.SelectMany(d => d.Values)) tensor.Dispose();
        }
    }

    /// <summary>Copies <paramref name="tensors"/> into <paramref name="model"/> (cast to its dtype)
    /// after checking that they match it exactly.</summary>
    public static void Assign(SpikeGpt model, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        var problems = Mismatches(model, tensors);
        if (problems.Count > 0)
            throw new InputException($"{source}: checkpoint does not match SpikeGPT {model.Config}: {string.Join("; ", problems)}");
        using var _ = no_grad();
        // Holds the converted copies until libtorch has read them, and frees them on this thread.
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in model.state_dict())
        {
            parameter.copy_(tensors[name].to(parameter.dtype));
        }
    }

    /// <summary>Writes the model's tensors, except those named in <paramref name="omit"/>, cast to
    /// <paramref name="dtype"/>.</summary>
    public static void Save(SpikeGpt model, string path, ScalarType dtype = ScalarType.Float32, IReadOnlySet<string>? omit = null)
    {
        var tensors = model.state_dict()
            .Where(kv => omit is null || !omit.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().to(dtype));
        CheckpointFile.Write(path, tensors);
    }

    private static string Shape(Tensor t) => "[" + string.Join("x", t.shape) + "]";

    private static string Summarise(IEnumerable<string> keys)
    {
        var list = keys.Take(6).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list) + (keys.Count() > 6 ? ", ..." : "");
    }

    [GeneratedRegex(@"^blocks\.(\d+)\.")]
    private static partial Regex BlockIndex();
}
