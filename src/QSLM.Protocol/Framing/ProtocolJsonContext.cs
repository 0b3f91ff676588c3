using System.Text.Json.Serialization;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Framing;

/// <summary>Source-generated System.Text.Json metadata for every message: no reflection, so the
/// trimmed board agent serializes exactly what the host does.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    Converters = [typeof(SourceTagJsonConverter)])]
[JsonSerializable(typeof(Message))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
