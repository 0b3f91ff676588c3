using System.Text.RegularExpressions;
using QSLM.Errors;

namespace QSLM.Format.Formats;

/// <summary>
/// Which format each tensor gets: an ordered list of <c>pattern=format</c> rules, the first match
/// winning, where a pattern is a tensor name with <c>*</c> matching any run of characters
/// (e.g. <c>emb.weight=sign1,blocks.*.att.*.weight=int4_g32,*=fp16</c>). Tensors no rule matches
/// stay fp32. Small vectors (LayerNorm, time_decay, time_first, time_mix, biases) follow the rules
/// like any other tensor; a rule such as <c>*.weight=int4</c> does not reach <c>time_mix_k</c>.
/// </summary>
public sealed class PrecisionAssignment
{
    private readonly IReadOnlyList<(string Pattern, Regex? Matcher, QuantFormat Format)> _rules;

    // Set for an assignment of exact tensor names (ForTensors): a lookup, no pattern to match.
    private readonly Dictionary<string, QuantFormat>? _exact;

    private PrecisionAssignment(IReadOnlyList<(string, Regex?, QuantFormat)> rules, Dictionary<string, QuantFormat>? exact = null) =>
        (_rules, _exact) = (rules, exact);

    /// <summary>Everything in fp32.</summary>
    public static PrecisionAssignment Fp32 { get; } = new([]);

    /// <summary>The rules, in order.</summary>
    public IEnumerable<(string Pattern, QuantFormat Format)> Rules => _rules.Select(r => (r.Pattern, r.Format));

    /// <summary>
    /// Each of <paramref name="tensors"/> at its format and every other tensor fp32: the assignment
    /// <c>name=format,...,*=fp32</c> parses to, built from values (a search builds one per candidate).
    /// </summary>
    /// <exception cref="ArgumentException">A name holds <c>*</c> or <c>,</c>, or comes twice.</exception>
    public static PrecisionAssignment ForTensors(IEnumerable<(string Tensor, QuantFormat Format)> tensors)
    {
        var exact = new Dictionary<string, QuantFormat>(StringComparer.Ordinal);
        var rules = new List<(string, Regex?, QuantFormat)>();
        foreach (var (tensor, format) in tensors)
        {
            if (tensor.Length == 0 || tensor.AsSpan().IndexOfAny("*,=") >= 0) throw new ArgumentException($"'{tensor}' is not a tensor name");
            if (!exact.TryAdd(tensor, format)) throw new ArgumentException($"tensor '{tensor}' is assigned twice");
            rules.Add((tensor, null, format));
        }
        rules.Add(("*", null, QuantFormats.Fp32));
        return new PrecisionAssignment(rules, exact);
    }

    /// <summary>Parses <c>pattern=format[,pattern=format...]</c>.</summary>
    public static PrecisionAssignment Parse(string text)
    {
        var rules = new List<(string, Regex?, QuantFormat)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
                throw new InputException($"precision rule '{part}' is not of the form pattern=format");
            var pattern = part[..eq].Trim();
            var formatName = part[(eq + 1)..].Trim();
            if (!QuantFormats.TryGet(formatName, out var format))
                throw new InputException($"precision rule '{part}': unknown format '{formatName}' (known: {string.Join(", ", QuantFormats.All.Select(f => f.Name))})");
            rules.Add((pattern, Glob(pattern), format));
        }
        if (rules.Count == 0) throw new InputException("the precision assignment is empty");
        return new PrecisionAssignment(rules);
    }

    /// <summary>The format of tensor <paramref name="name"/>.</summary>
    public QuantFormat FormatOf(string name)
    {
        if (_exact is not null) return _exact.GetValueOrDefault(name, QuantFormats.Fp32);
        foreach (var (_, matcher, format) in _rules)
        {
            if (matcher!.IsMatch(name)) return format;
        }
        return QuantFormats.Fp32;
    }

    /// <inheritdoc />
    public override string ToString() => _rules.Count == 0 ? "*=fp32" : string.Join(",", _rules.Select(r => $"{r.Pattern}={r.Format.Name}"));

    private static Regex Glob(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
}
