using System.Security.Cryptography;
using System.Text.Json;

namespace QSLM.Cli.Search;

/// <summary>What a search ran on and with, written beside its CSV as <c>manifest.json</c>, so a
/// result can be traced to the exact model, data, board, settings and tool. <see cref="Chosen"/> is
/// the answer's candidate number, written when the search ends (<c>qslm report</c> marks it).</summary>
internal sealed record SearchManifest(
    string Tool,
    string Task,
    IReadOnlyDictionary<string, string> ModelSha256,
    IReadOnlyDictionary<string, string> DataSha256,
    string Board,
    string Evaluation,
    string ConstA,
    long? ConstM,
    double Alpha,
    IReadOnlyList<string> Menu,
    string Started,
    double PowerWeight = 0,
    string? PowerSource = null,
    int? Chosen = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static SearchManifest? TryRead(string path) => File.Exists(path) ? JsonSerializer.Deserialize<SearchManifest>(File.ReadAllText(path), Json) : null;

    /// <summary>Whether <paramref name="other"/> searches the same thing (a resumed run must).</summary>
    public bool SameSearchAs(SearchManifest other) =>
        Task == other.Task && ConstA == other.ConstA && ConstM == other.ConstM && Alpha.Equals(other.Alpha) && Evaluation == other.Evaluation
        && Board == other.Board && PowerWeight.Equals(other.PowerWeight) && PowerSource == other.PowerSource
        && Menu.SequenceEqual(other.Menu) && ModelSha256.OrderBy(k => k.Key).SequenceEqual(other.ModelSha256.OrderBy(k => k.Key))
        && DataSha256.OrderBy(k => k.Key).SequenceEqual(other.DataSha256.OrderBy(k => k.Key));
}
