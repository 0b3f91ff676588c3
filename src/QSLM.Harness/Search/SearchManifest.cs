using System.Security.Cryptography;
using System.Text.Json;
using QSLM.Errors;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Search.Objective;

namespace QSLM.Harness.Search;

/// <summary>What a search ran on and with, written beside its CSV as <c>manifest.json</c>, so a
/// result can be traced to the exact model, data, board, settings and tool. <see cref="Chosen"/> is
/// the answer's candidate number, written when the search ends (<c>qslm report</c> marks it). The board limits are
/// part of what is searched; the budget is not (the same folder resumes with a larger one), and
/// <see cref="StoppedByBudget"/> says when it decided the answer.</summary>
/// <param name="Tool">The program and its version.</param>
/// <param name="Task">sst2 or lm.</param>
/// <param name="ModelSha256">Each model file's SHA-256, by file name.</param>
/// <param name="DataSha256">Each data file's SHA-256, by its path under the data folder.</param>
/// <param name="Board">The board candidates are measured on, in words.</param>
/// <param name="Evaluation">What candidates and sensitivity measurements are scored on, in words.</param>
/// <param name="ConstA">The accuracy constraint, as written.</param>
/// <param name="ConstM">The memory cap in bytes, or null for none.</param>
/// <param name="Alpha">Weight of the memory saving in the objective.</param>
/// <param name="Menu">The precisions the search may give a module, highest first.</param>
/// <param name="Started">When the search first started (UTC, round-trip form).</param>
/// <param name="PowerWeight">Weight of the measured power saving in the objective.</param>
/// <param name="PowerSource">Where power figures come from, or null for a host-only search.</param>
/// <param name="Chosen">The answer's candidate number, once the search has ended.</param>
/// <param name="MaxLatencyMs">The bound on the board's latency per token, milliseconds, or null for none.</param>
/// <param name="MaxPowerWatts">The bound on the board's mean power (upper end of its 95% interval), watts, or null for none.</param>
/// <param name="MaxEnergyJoulesPerToken">The bound on the board's energy per token (upper end of its 95% interval), joules, or null for none.</param>
/// <param name="MaxEvaluations">The run's budget of host evaluations, or null for none.</param>
/// <param name="MaxMinutes">The run's budget of wall time, minutes, or null for none.</param>
/// <param name="StoppedByBudget">Which bound of the budget stopped the search before its last tier, in words, or null.</param>
public sealed record SearchManifest(
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
    SourceTag? PowerSource = null,
    int? Chosen = null,
    double? MaxLatencyMs = null,
    double? MaxPowerWatts = null,
    double? MaxEnergyJoulesPerToken = null,
    int? MaxEvaluations = null,
    double? MaxMinutes = null,
    string? StoppedByBudget = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SourceTagJsonConverter() },
    };

    /// <summary>The windows of every power measurement with a meter, in words (quick ones say so), or null when power is
    /// estimated or there is no board. Part of what is searched: figures from other windows do not compare.</summary>
    public string? PowerWindows { get; init; }

    /// <summary>The run's budget of board measurements, or null for none (not part of what is searched).</summary>
    public int? MaxBoardMeasurements { get; init; }

    /// <summary>The board's settings as read back before anything was measured (the latest run's), or null.</summary>
    public IReadOnlyList<SettingOutcome>? BoardSettings { get; init; }

    /// <summary>The lower-case hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes the manifest as indented JSON to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The manifest at <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="InputException">The file is not a manifest (such as a power source that is not a source tag).</exception>
    public static SearchManifest? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<SearchManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a search manifest ({e.Message})", e);
        }
    }

    /// <summary>The board limits, in words (<c>none</c> without any).</summary>
    public string BoardLimitsText() => new BoardLimits(MaxLatencyMs, MaxPowerWatts, MaxEnergyJoulesPerToken).ToString();

    /// <summary>Whether <paramref name="other"/> searches the same thing (a resumed run must).</summary>
    public bool SameSearchAs(SearchManifest other) =>
        Task == other.Task && SameConstraint(ConstA, other.ConstA) && ConstM == other.ConstM && Alpha.Equals(other.Alpha) && Evaluation == other.Evaluation
        && Board == other.Board && PowerWeight.Equals(other.PowerWeight) && PowerSource == other.PowerSource && PowerWindows == other.PowerWindows
        && MaxLatencyMs == other.MaxLatencyMs && MaxPowerWatts == other.MaxPowerWatts && MaxEnergyJoulesPerToken == other.MaxEnergyJoulesPerToken
        && Menu.SequenceEqual(other.Menu) && ModelSha256.OrderBy(k => k.Key).SequenceEqual(other.ModelSha256.OrderBy(k => k.Key))
        && DataSha256.OrderBy(k => k.Key).SequenceEqual(other.DataSha256.OrderBy(k => k.Key));

    // Compared as constraints, not as text: acc>=-1pt and acc>=-1.0pt ask the same.
    private static bool SameConstraint(string a, string b) => a == b || (TryParse(a) is { } x && TryParse(b) is { } y && x == y);

    private static AccuracyConstraint? TryParse(string text)
    {
        try
        {
            return AccuracyConstraint.Parse(text);
        }
        catch (InputException)
        {
            return null; // a manifest written by hand: only its exact text matches
        }
    }
}
