using System.Text.Json;
using System.Text.Json.Serialization;
using QSLM.Sensors.Board;

namespace QSLM.Protocol.Framing;

/// <summary>A <see cref="SourceTag"/> on the wire: its text (<c>measured:rapl-package-0</c>). Text that is not a
/// tag is refused while the message is read, so a bad provenance never gets past the protocol boundary.</summary>
public sealed class SourceTagJsonConverter : JsonConverter<SourceTag>
{
    /// <inheritdoc />
    public override SourceTag Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("a source tag must be a JSON string");
        var text = reader.GetString()!;
        return SourceTag.TryParse(text, out var tag)
            ? tag.Value
            : throw new JsonException($"'{text}' is not a source tag (measured:<sensor>, simulated:<model> or estimated:<model>)");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SourceTag value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
