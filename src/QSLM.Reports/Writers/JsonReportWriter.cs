using System.Text.Json;
using System.Text.Json.Serialization;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>
/// The report as versioned JSON for programs (<see cref="RunReport.SchemaVersion"/> first): snake_case names,
/// enums in kebab-case. A figure is referenced by its PNG file beside the JSON, never inlined.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>The file's name.</summary>
    public const string FileName = "report.json";

    /// <summary>The options the JSON is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new FigureReferenceConverter() },
    };

    /// <summary>Writes the JSON of <paramref name="report"/> into <paramref name="folder"/>.</summary>
    /// <returns>The file written.</returns>
    public static string Write(RunReport report, string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(report, Options));
        return path;
    }

    // A figure as {name, caption, file}: the image lives in its own file, which every form shares.
    private sealed class FigureReferenceConverter : JsonConverter<ReportFigure>
    {
        public override ReportFigure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var json = JsonDocument.ParseValue(ref reader);
            var root = json.RootElement;
            return new ReportFigure(root.GetProperty("name").GetString() ?? "", root.GetProperty("caption").GetString() ?? "", []);
        }

        public override void Write(Utf8JsonWriter writer, ReportFigure value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("name", value.Name);
            writer.WriteString("caption", value.Caption);
            writer.WriteString("file", value.Name);
            writer.WriteEndObject();
        }
    }
}
