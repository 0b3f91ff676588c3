using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace QSLM.Boards.Inventory;

/// <summary>Typed, position-aware reading of one YAML mapping: every error names the file, line and
/// column, and keys the schema does not know are refused rather than silently ignored.</summary>
internal sealed class YamlMap
{
    private readonly string _file;
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    public YamlMap(string file, YamlNode node, string what)
    {
        _file = file;
        _node = node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of keys to values");
        foreach (var (key, value) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw Error(key, "keys must be plain names");
            if (!_values.TryAdd(name, value)) throw Error(key, $"'{name}' appears twice");
        }
    }

    public YamlNode Node => _node;

    public string File => _file;

    public InventoryException Error(YamlNode node, string problem) => new(_file, node.Start.Line, node.Start.Column, problem);

    /// <summary>Refuses any key not in <paramref name="allowed"/>.</summary>
    public void Only(params string[] allowed)
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (!allowed.Contains(name, StringComparer.Ordinal))
                throw Error(key, $"unknown key '{name}' (expected one of: {string.Join(", ", allowed)})");
        }
    }

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The value node of <paramref name="key"/>, for errors about it; the map itself when absent.</summary>
    public YamlNode NodeOf(string key) => _values.TryGetValue(key, out var node) ? node : _node;

    public double RequiredDouble(string key)
    {
        var text = RequiredString(key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error(_values[key], $"'{key}' must be a number, not '{text}'");
        return value;
    }

    public string? OptionalString(string key)
    {
        if (!_values.TryGetValue(key, out var node)) return null;
        return node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(node, $"'{key}' must be a non-empty text value");
    }

    public string RequiredString(string key) => OptionalString(key) ?? throw Error(_node, $"'{key}' is required here");

    public int? OptionalInt(string key, int min, int max)
    {
        if (OptionalString(key) is not { } text) return null;
        var style = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        var digits = style == NumberStyles.AllowHexSpecifier ? text[2..] : text;
        if (!int.TryParse(digits, style, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Error(_values[key], FormattableString.Invariant($"'{key}' must be a whole number from {min} to {max}, not '{text}'"));
        return value;
    }

    public double? OptionalPositive(string key)
    {
        if (OptionalString(key) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
            throw Error(_values[key], $"'{key}' must be a positive number, not '{text}'");
        return value;
    }

    public YamlMap? OptionalMap(string key, string what) => _values.TryGetValue(key, out var node) ? new YamlMap(_file, node, what) : null;

    public IReadOnlyList<YamlNode> Sequence(string key)
    {
        if (!_values.TryGetValue(key, out var node)) return [];
        return node is YamlSequenceNode sequence ? sequence.Children.ToList() : throw Error(node, $"'{key}' must be a list");
    }
}
