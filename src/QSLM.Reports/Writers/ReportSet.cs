using System.Text.Json;
using System.Text.Json.Serialization;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>Writes every form of a report together into a run folder, so the forms never disagree.</summary>
public static class ReportSet
{
    /// <summary>The JSON form's file name.</summary>
    public const string JsonFile = "report.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes <paramref name="report"/> into <paramref name="folder"/>.</summary>
    /// <returns>The files written, for the console.</returns>
    public static IReadOnlyList<string> Write(RunReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, JsonFile);
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json));
        return [json];
    }
}
