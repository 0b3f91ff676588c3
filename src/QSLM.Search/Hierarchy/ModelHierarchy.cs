using System.Text.RegularExpressions;
using QSLM.Errors;

namespace QSLM.Search.Hierarchy;

/// <summary>
/// The three levels the tiered search works on — global, blocks, modules — derived from a
/// SpikeGPT's own tensor names and shapes (Zhu et al., arXiv:2302.13939, in the reference state-dict
/// layout), so any depth and width, and an imported checkpoint, analyse the same way.
/// </summary>
public sealed partial class ModelHierarchy
{
    /// <summary>Name of the block with the embedding and <c>ln0</c>.</summary>
    public const string InputBlock = "input";

    /// <summary>Name of the block with <c>ln_out</c> and the heads.</summary>
    public const string OutputBlock = "output";

    private ModelHierarchy(IReadOnlyList<ModelBlock> blocks) => Blocks = blocks;

    /// <summary>Input, the SpikeGPT blocks in order, output.</summary>
    public IReadOnlyList<ModelBlock> Blocks { get; }

    /// <summary>Every module, block by block.</summary>
    public IEnumerable<ModelModule> Modules => Blocks.SelectMany(b => b.Modules);

    /// <summary>Every module whose precision the search chooses.</summary>
    public IEnumerable<ModelModule> Searchable => Blocks.SelectMany(b => b.Searchable);

    /// <summary>Weights in the model.</summary>
    public long Parameters => Blocks.Sum(b => b.Parameters);

    /// <summary>Derives the hierarchy from tensor names and shapes.</summary>
    /// <exception cref="InputException">A tensor that is not part of SpikeGPT's layout.</exception>
    public static ModelHierarchy FromTensors(IEnumerable<(string Name, long[] Shape)> tensors)
    {
        var modules = new Dictionary<string, (string Block, string Pattern, List<(string, long[])> Tensors, long Parameters, bool Matrix)>();
        var order = new List<string>();
        foreach (var (name, shape) in tensors)
        {
            var (block, module, pattern) = Locate(name);
            if (!modules.TryGetValue(module, out var entry))
            {
                entry = (block, pattern, [], 0, shape.Length == 2);
                order.Add(module);
            }
            entry.Tensors.Add((name, shape));
            modules[module] = entry with { Parameters = entry.Parameters + shape.Aggregate(1L, (a, b) => a * b), Matrix = entry.Matrix || shape.Length == 2 };
        }
        if (modules.Count == 0) throw new InputException("the model has no tensors");
        var blocks = order.GroupBy(m => modules[m].Block)
            .OrderBy(g => BlockRank(g.Key))
            .Select(g => new ModelBlock(g.Key, g.Select(m => new ModelModule(m, g.Key, modules[m].Pattern, modules[m].Tensors, modules[m].Parameters, modules[m].Matrix)).ToList()))
            .ToList();
        return new ModelHierarchy(blocks);
    }

    /// <summary>The block with <paramref name="name"/>.</summary>
    public ModelBlock Block(string name) => Blocks.FirstOrDefault(b => b.Name == name)
        ?? throw new InputException($"the model has no block '{name}' (blocks: {string.Join(", ", Blocks.Select(b => b.Name))})");

    private static (string Block, string Module, string Pattern) Locate(string name)
    {
        if (name.StartsWith("emb.", StringComparison.Ordinal)) return (InputBlock, "emb", "emb.*");
        if (name.StartsWith("ln_out.", StringComparison.Ordinal)) return (OutputBlock, "ln_out", "ln_out.*");
        if (name.StartsWith("head.", StringComparison.Ordinal)) return (OutputBlock, "head", "head.*");
        if (name.StartsWith("cls.", StringComparison.Ordinal)) return (OutputBlock, "cls", "cls.*");
        var match = BlockTensor().Match(name);
        if (!match.Success) throw new InputException($"tensor '{name}' is not part of SpikeGPT's layout");
        var block = $"blocks.{match.Groups["index"].Value}";
        var stem = match.Groups["stem"].Value;
        if (stem.EndsWith(".weight", StringComparison.Ordinal)) stem = stem[..^".weight".Length];
        else if (stem.EndsWith(".bias", StringComparison.Ordinal)) stem = stem[..^".bias".Length];
        var parts = stem.Split('.');
        if (parts[0] == "ln0") return (InputBlock, $"{block}.ln0", $"{block}.ln0.*");
        // The time_* vectors of a mixing layer form one module: they are only ever set together.
        if (parts.Length == 2 && parts[1].StartsWith("time_", StringComparison.Ordinal))
            return (block, $"{block}.{parts[0]}.time", $"{block}.{parts[0]}.time_*");
        var module = $"{block}.{stem}";
        return (block, module, $"{module}.*");
    }

    private static int BlockRank(string block) => block switch
    {
        InputBlock => -1,
        OutputBlock => int.MaxValue,
        _ => int.Parse(block.AsSpan("blocks.".Length), System.Globalization.CultureInfo.InvariantCulture),
    };

    // blocks.N.part[.leaf][.weight|.bias]
    [GeneratedRegex(@"^blocks\.(?<index>\d+)\.(?<stem>[a-z0-9_]+(?:\.[a-z0-9_]+)*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockTensor();
}
