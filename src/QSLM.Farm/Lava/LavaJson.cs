using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace QSLM.Farm.Lava;

/// <summary>Reads the JSON LAVA 2023.01's REST API v0.2 answers with (lava_rest_app/v02/serializers.py): field names as
/// the server writes them, a measurement as a decimal string or null, metadata as a YAML text.</summary>
internal static class LavaJson
{
    public static LavaJob Job(JsonElement job) => new(
        job.GetProperty("id").GetInt32(), Text(job, "state") ?? "Unknown", Text(job, "health") ?? "Unknown", Text(job, "actual_device"), Text(job, "description"),
        Time(job, "start_time"), Time(job, "end_time"));

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    public static LavaDevice Device(JsonElement device) => new(
        Text(device, "hostname") ?? "", Text(device, "device_type") ?? "", Text(device, "state") ?? "", Text(device, "health") ?? "", Text(device, "worker_host"))
    {
        TagIds = device.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Number).Select(t => t.GetInt32())]
            : [],
    };

    public static LavaTestCase TestCase(JsonElement test)
    {
        var metadata = Metadata(Text(test, "metadata"));
        double? measurement = test.TryGetProperty("measurement", out var m) && m.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? m.ValueKind == JsonValueKind.Number ? m.GetDouble() : double.Parse(m.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;
        return new LavaTestCase(Text(test, "name") ?? "", metadata.GetValueOrDefault("definition") ?? "", Text(test, "result") ?? "unknown", measurement, Text(test, "unit") ?? "", metadata);
    }

    public static IReadOnlyList<int> JobIds(JsonElement submitted) => [.. submitted.GetProperty("job_ids").EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>The top-level scalars of a test case's metadata (<c>case</c>, <c>definition</c>, <c>result</c>,
    /// <c>error_type</c>, <c>error_msg</c>, ...).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string? yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(yaml)) return values;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map) return values;
        foreach (var (key, value) in map.Children)
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text }) values[name] = text;
        return values;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
