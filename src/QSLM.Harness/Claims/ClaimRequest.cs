using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Claims;

/// <summary>What <c>qslm claim</c> is asked to validate, and how.</summary>
/// <param name="BenchPath">The bench file that names the board.</param>
/// <param name="Board">The board's name in it.</param>
/// <param name="Baseline"><c>fp32</c> (the host model packed at fp32) or a packed file.</param>
/// <param name="Candidate">The candidate's packed file, or null with <paramref name="FromSearch"/>.</param>
/// <param name="FromSearch">A search's run folder whose answer is the candidate, or null.</param>
/// <param name="Claim">The claimed relative difference of the candidate's net energy per token (−0.2: at least 20% less).</param>
/// <param name="ModelPath">The host checkpoint the fp32 baseline is packed from; null: the bundled reference model of the candidate's kind.</param>
/// <param name="Rules">The measurement windows.</param>
/// <param name="Seed">Draws the order within each pair of windows.</param>
/// <param name="OutputFolder">The run folder; null: <c>runs/claim-&lt;UTC time&gt;</c>.</param>
/// <param name="CalibrationFolder">Where calibration records are read from.</param>
/// <param name="Operator">Who runs it.</param>
/// <param name="CommandLine">The command as typed, for the report and the history.</param>
public sealed record ClaimRequest(string BenchPath, string Board, string Baseline, string? Candidate, string? FromSearch, double Claim, string? ModelPath,
    LabWindowRules Rules, int Seed, string? OutputFolder, string CalibrationFolder, string? Operator, string CommandLine)
{
    /// <summary>The keyword of <see cref="Baseline"/> that packs the host model at fp32.</summary>
    public const string Fp32 = "fp32";

    /// <summary>How long to wait for the board when another QSLM process on this host holds it (<c>--board-wait</c>).</summary>
    public TimeSpan BoardWait { get; init; }

    /// <summary>How far the board's perplexity may be from the host runtime's on the same packed file, relative
    /// (SST-2 predictions must be identical).</summary>
    public double PerplexityTolerance { get; init; } = 0.01;

    /// <summary>SST-2 dev sentences a classifier is checked on.</summary>
    public int CheckSentences { get; init; } = 8;

    /// <summary>WikiText-2 test tokens a language model is checked on.</summary>
    public int CheckTokens { get; init; } = 64;
}
