using System.Diagnostics.CodeAnalysis;

namespace QSLM.Sensors.Board;

/// <summary>
/// The label every figure carries: <c>measured:&lt;sensor&gt;</c>, <c>simulated:&lt;model&gt;</c> or
/// <c>estimated:&lt;model&gt;</c>. Only <see cref="SourceKind.Measured"/> may ever be printed as measured.
/// </summary>
public readonly record struct SourceTag
{
    /// <summary>Creates a tag; <paramref name="name"/> is the sensor id or model name.</summary>
    public SourceTag(SourceKind kind, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains(':', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"a source name needs at least one character and no ':' or spaces, got '{name}'", nameof(name));
        Kind = kind;
        Name = name;
    }

    /// <summary>Measured, simulated or estimated.</summary>
    public SourceKind Kind { get; }

    /// <summary>The sensor id (measured) or model name (simulated, estimated).</summary>
    public string Name { get; }

    /// <summary>A real sensor's reading.</summary>
    public static SourceTag Measured(string sensorId) => new(SourceKind.Measured, sensorId);

    /// <summary>A simulated device's or model's output.</summary>
    public static SourceTag Simulated(string model) => new(SourceKind.Simulated, model);

    /// <summary>An estimate from counts and constants.</summary>
    public static SourceTag Estimated(string model) => new(SourceKind.Estimated, model);

    /// <summary>Parses <c>kind:name</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SourceTag? tag)
    {
        tag = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1) return false;
        SourceKind? kind = text[..colon] switch
        {
            "measured" => SourceKind.Measured,
            "simulated" => SourceKind.Simulated,
            "estimated" => SourceKind.Estimated,
            _ => null,
        };
        var name = text[(colon + 1)..];
        if (kind is null || name.Contains(':', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace)) return false;
        tag = new SourceTag(kind.Value, name);
        return true;
    }

    /// <summary>Parses <c>kind:name</c> or throws <see cref="FormatException"/>.</summary>
    public static SourceTag Parse(string text) =>
        TryParse(text, out var tag) ? tag.Value : throw new FormatException($"'{text}' is not a source tag (measured:<sensor>, simulated:<model> or estimated:<model>)");

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SourceKind.Measured => "measured:",
        SourceKind.Simulated => "simulated:",
        _ => "estimated:",
    } + Name;
}
