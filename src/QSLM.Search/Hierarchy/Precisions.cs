using QSLM.Errors;
using QSLM.Format.Formats;

namespace QSLM.Search.Hierarchy;

/// <summary>
/// A candidate's precision per searchable module (everything else fp32), immutable, with a compact
/// text form for logs and CSV: each block's most common format, then the modules that differ, e.g.
/// <c>input=sign1 blocks.0=int4 blocks.0.att.key=int8 output=int8</c>.
/// </summary>
public sealed class Precisions : IEquatable<Precisions>
{
    private readonly ModelHierarchy _hierarchy;
    private readonly Dictionary<string, QuantFormat> _formats;

    private Precisions(ModelHierarchy hierarchy, Dictionary<string, QuantFormat> formats)
    {
        _hierarchy = hierarchy;
        _formats = formats;
        Compact = BuildCompact();
    }

    /// <summary>Every searchable module at <paramref name="format"/>.</summary>
    public static Precisions Uniform(ModelHierarchy hierarchy, QuantFormat format) =>
        new(hierarchy, hierarchy.Searchable.ToDictionary(m => m.Name, _ => format));

    /// <summary>The compact form, e.g. <c>input=sign1 blocks.0=int4 blocks.0.att.key=int8 output=int8</c>.</summary>
    public string Compact { get; }

    /// <summary>Format of a searchable module.</summary>
    public QuantFormat this[string module] => _formats[module];

    /// <summary>A copy with every searchable module of <paramref name="block"/> at <paramref name="format"/>.</summary>
    public Precisions WithBlock(string block, QuantFormat format)
    {
        var formats = new Dictionary<string, QuantFormat>(_formats);
        foreach (var m in _hierarchy.Block(block).Searchable) formats[m.Name] = format;
        return new Precisions(_hierarchy, formats);
    }

    /// <summary>A copy with <paramref name="module"/> at <paramref name="format"/>.</summary>
    public Precisions WithModule(string module, QuantFormat format)
    {
        if (!_formats.ContainsKey(module)) throw new ArgumentException($"'{module}' is not a searchable module");
        return new Precisions(_hierarchy, new Dictionary<string, QuantFormat>(_formats) { [module] = format });
    }

    /// <summary>The format most of a block's weights have.</summary>
    public QuantFormat BlockFormat(string block) => _hierarchy.Block(block).Searchable
        .GroupBy(m => _formats[m.Name]).OrderByDescending(g => g.Sum(m => m.Parameters)).First().Key;

    /// <summary>The same precisions for another model of the same family (e.g. the LM that shares a
    /// classifier's blocks): a module both have keeps its format; any other takes its block's most
    /// common format here (the LM's <c>head</c> takes the classifier's <c>output</c> block's).</summary>
    public Precisions For(ModelHierarchy other) =>
        new(other, other.Searchable.ToDictionary(m => m.Name,
            m => _formats.TryGetValue(m.Name, out var format) ? format : BlockFormat(m.Block)));

    /// <summary>One rule per weight matrix (everything else fp32), for packing and fake quantization.</summary>
    public PrecisionAssignment ToAssignment() =>
        PrecisionAssignment.ForTensors(_hierarchy.Searchable.SelectMany(m => m.Tensors.Where(t => t.Shape.Length == 2).Select(t => (t.Name, _formats[m.Name]))));

    /// <summary>Parses <see cref="Compact"/>: a block's format applies to all its searchable modules, then module entries override.</summary>
    public static Precisions Parse(ModelHierarchy hierarchy, string compact)
    {
        var formats = new Dictionary<string, QuantFormat>();
        var entries = compact.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            var eq = e.IndexOf('=');
            if (eq <= 0 || !QuantFormats.TryGet(e[(eq + 1)..], out var format))
                throw new InputException($"precision entry '{e}' is not unit=format with a known format");
            return (Unit: e[..eq], Format: format);
        }).ToList();
        foreach (var (unit, format) in entries.Where(e => hierarchy.Blocks.Any(b => b.Name == e.Unit)))
        {
            foreach (var m in hierarchy.Block(unit).Searchable) formats[m.Name] = format;
        }
        foreach (var (unit, format) in entries.Where(e => hierarchy.Blocks.All(b => b.Name != e.Unit)))
        {
            if (!hierarchy.Searchable.Any(m => m.Name == unit)) throw new InputException($"precision entry '{unit}' names no block or searchable module");
            formats[unit] = format;
        }
        var missing = hierarchy.Searchable.Where(m => !formats.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        if (missing.Count > 0) throw new InputException($"precisions '{compact}' leave {string.Join(", ", missing)} without a format");
        return new Precisions(hierarchy, formats);
    }

    /// <summary>Encoded bytes of every weight, the fp32 vectors included (the packed file adds a
    /// header, a manifest and alignment).</summary>
    public long WeightBytes => _hierarchy.Modules.Sum(m => m.Bytes(m.IsMatrix ? _formats[m.Name] : QuantFormats.Fp32));

    private string BuildCompact()
    {
        var parts = new List<string>();
        foreach (var block in _hierarchy.Blocks.Where(b => b.Searchable.Any()))
        {
            var common = BlockFormat(block.Name);
            parts.Add($"{block.Name}={common.Name}");
            parts.AddRange(block.Searchable.Where(m => _formats[m.Name] != common).Select(m => $"{m.Name}={_formats[m.Name].Name}"));
        }
        return string.Join(' ', parts);
    }

    /// <inheritdoc />
    public bool Equals(Precisions? other) => other is not null && other.Compact == Compact;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Precisions);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Compact);

    /// <inheritdoc />
    public override string ToString() => Compact;
}
