using System.Globalization;

namespace QSLM.Boards.Profiles;

/// <summary>
/// What a model must meet on a kind of board (a profile's <c>qualify:</c> map) or on one board (a qualification
/// file): each target null where none is set, and a check without a target is not run, never passed. Memory is held
/// to the profile's <c>memory_for_model</c>, not to a target here.
/// </summary>
/// <param name="Agreement">How far the board's metric may lie from the host's on the same packed file: 0 for exact
/// (SST-2 predictions identical), else a tolerance (accuracy points, or perplexity's relative difference).</param>
/// <param name="LatencyP50Ms">Ceiling on the median per-token latency, milliseconds.</param>
/// <param name="LatencyP99Ms">Ceiling on the 99th-percentile per-token latency, milliseconds.</param>
/// <param name="MaxWatts">Ceiling on the mean power with the model running (idle included), watts.</param>
/// <param name="MaxJoulesPerToken">Ceiling on the energy per token above idle, joules.</param>
public sealed record QualifyTargets(double? Agreement = null, double? LatencyP50Ms = null, double? LatencyP99Ms = null, double? MaxWatts = null, double? MaxJoulesPerToken = null)
{
    /// <summary>No target at all.</summary>
    public static readonly QualifyTargets None = new();

    /// <summary>These targets, each falling back to <paramref name="under"/>'s where not set here.</summary>
    public QualifyTargets Over(QualifyTargets? under) => under is null ? this : new(
        Agreement ?? under.Agreement, LatencyP50Ms ?? under.LatencyP50Ms, LatencyP99Ms ?? under.LatencyP99Ms, MaxWatts ?? under.MaxWatts, MaxJoulesPerToken ?? under.MaxJoulesPerToken);

    /// <summary>The agreement target in words: <c>exact</c> or <c>within 0.02</c>, or null when none is set.</summary>
    public string? AgreementText => Agreement switch
    {
        null => null,
        0 => "exact",
        var t => string.Create(CultureInfo.InvariantCulture, $"within {t:G4}"),
    };
}
