using System.Text.Json;

namespace QSLM.Farm.Lava;

/// <summary>
/// Reads back what the board script (<c>farm/lava/templates/qslm-board.sh</c>) put into a job's log: per model, its
/// agent's answers as base64 in lines <c>QSLM-RESULT SHA256 INDEX CHUNK</c>, closed by <c>QSLM-RESULT-END SHA256
/// COUNT</c>. The log is LAVA's YAML list of one-line JSON objects <c>{dt, lvl, msg}</c>; the board's output is at
/// level <c>target</c>. A model whose end line is missing, or whose chunks do not add up, has no result.
/// </summary>
public static class ResultMarkers
{
    /// <summary>The prefix of a chunk line.</summary>
    public const string Chunk = "QSLM-RESULT";

    /// <summary>The prefix of an end line.</summary>
    public const string End = "QSLM-RESULT-END";

    /// <summary>The bytes each model's agent answered, by SHA-256; models without a complete result are absent.</summary>
    public static IReadOnlyDictionary<string, byte[]> Read(string log)
    {
        var chunks = new Dictionary<string, SortedDictionary<int, string>>(StringComparer.Ordinal);
        var ends = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in TargetLines(log))
        {
            var parts = message.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[0] == End && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var count))
                ends[parts[1]] = count;
            else if (parts.Length == 4 && parts[0] == Chunk && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                if (!chunks.TryGetValue(parts[1], out var list)) chunks[parts[1]] = list = [];
                list[index] = parts[3];
            }
        }
        var results = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (sha, count) in ends)
        {
            var list = chunks.GetValueOrDefault(sha) ?? [];
            if (list.Count != count || (count > 0 && (list.Keys.First() != 1 || list.Keys.Last() != count))) continue;
            try
            {
                results[sha] = Convert.FromBase64String(string.Concat(list.Values));
            }
            catch (FormatException)
            {
                // A garbled chunk: no result for that model rather than a wrong one.
            }
        }
        return results;
    }

    private static IEnumerable<string> TargetLines(string log)
    {
        foreach (var line in log.Split('\n'))
        {
            var start = line.IndexOf('{', StringComparison.Ordinal);
            if (start < 0 || !line.Contains(Chunk, StringComparison.Ordinal)) continue;
            string? message = null;
            try
            {
                using var json = JsonDocument.Parse(line[start..]);
                if (json.RootElement.TryGetProperty("lvl", out var level) && level.GetString() == "target"
                    && json.RootElement.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String)
                    message = msg.GetString();
            }
            catch (JsonException)
            {
                // Not one of LAVA's log lines.
            }
            if (message is not null) yield return message;
        }
    }
}
