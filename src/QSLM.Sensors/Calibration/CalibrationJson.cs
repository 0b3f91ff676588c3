using System.Text.Json;
using System.Text.Json.Serialization;

namespace QSLM.Sensors.Calibration;

/// <summary>Source-generated JSON for the calibration records (trimming-safe on the board).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CalibrationRecord))]
[JsonSerializable(typeof(IdleBaselineRecord))]
internal sealed partial class CalibrationJson : JsonSerializerContext
{
    public static T Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type) ?? throw new FormatException($"{path}: empty record");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }
}
