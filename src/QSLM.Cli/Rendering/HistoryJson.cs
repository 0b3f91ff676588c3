using System.Text.Json;
using System.Text.Json.Serialization;

namespace QSLM.Cli.Rendering;

/// <summary>The history's records as JSON for programs (<c>qslm history --json</c>): snake-case names, kinds and
/// statuses as the store writes them, times in ISO 8601 UTC, numbers in their shortest round-trip form.</summary>
internal static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary><paramref name="value"/> as indented JSON.</summary>
    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);
}
