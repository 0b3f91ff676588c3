using QSLM.Format.Formats;
using QSLM.History.Store;
using QSLM.Search.Objective;
using QSLM.Sensors.Sampling;
using QSLM.Search.Tiers;

namespace QSLM.Harness.Search;

/// <summary>What a search is asked to do: everything <c>qslm search</c>'s options say, parsed.</summary>
/// <param name="Tool">The program and its version, for the manifest.</param>
/// <param name="IsSst2">Candidates are scored on SST-2 accuracy (else WikiText-2 perplexity).</param>
/// <param name="Objective">Constraints (board limits included) and objective.</param>
/// <param name="Menu">Precisions a module may get, highest first.</param>
/// <param name="LmPath">The language model checkpoint.</param>
/// <param name="Sst2Path">The SST-2 classifier checkpoint.</param>
/// <param name="Sentences">SST-2 dev sentences each candidate is scored on.</param>
/// <param name="Tokens">WikiText-2 test tokens each candidate (or the chosen one's LM) is scored on.</param>
/// <param name="SensitivitySentences">SST-2 dev sentences of a sensitivity measurement.</param>
/// <param name="SensitivityTokens">WikiText-2 test tokens of a sensitivity measurement.</param>
/// <param name="OutputFolder">Where search.csv and manifest.json go (an existing search there is resumed), or null for a new folder under runs/.</param>
/// <param name="CacheFolder">Host evaluations reused across searches.</param>
/// <param name="Board">The board candidates are measured on, by name in <paramref name="BenchPath"/>, or null for a host-only search.</param>
/// <param name="BenchPath">The bench file that names the board.</param>
/// <param name="BoardTop">How many of each tier's best candidates are measured on the board.</param>
/// <param name="SensorSpec">The host-side power sensor sampled between the agent's marks, or null to estimate power.</param>
/// <param name="BoardTokens">Tokens per timed repeat on the board.</param>
/// <param name="BoardRepeats">Timed repeats on the board.</param>
/// <param name="Tolerance">How far the board's score may be from the host's, or null for the task's default.</param>
/// <param name="Budget">When the search stops early, or null for no bound.</param>
/// <param name="Windows">The windows of every power measurement with a meter, or null for a lab's (MLPerf Tiny's) defaults.</param>
/// <param name="History">The run history the search records itself into as it goes, or null to record nothing.</param>
/// <param name="Operator">Who runs it, as the history names them, or null.</param>
/// <param name="CommandLine">The command as typed, for the history.</param>
public sealed record SearchRequest(
    string Tool,
    bool IsSst2,
    SearchObjective Objective,
    IReadOnlyList<QuantFormat> Menu,
    string LmPath,
    string Sst2Path,
    int Sentences,
    int Tokens,
    int SensitivitySentences,
    int SensitivityTokens,
    string? OutputFolder,
    string CacheFolder,
    string? Board,
    string BenchPath,
    int BoardTop,
    string? SensorSpec,
    int BoardTokens,
    int BoardRepeats,
    double? Tolerance,
    SearchBudget? Budget = null,
    LabWindowRules? Windows = null,
    IRunHistory? History = null,
    string? Operator = null,
    string? CommandLine = null)
{
    /// <summary>How long to wait for the board when another QSLM process on this host holds it (<c>--board-wait</c>).</summary>
    public TimeSpan BoardWait { get; init; }

    /// <summary>Further boards of <see cref="BenchPath"/> that share the board measurements with <see cref="Board"/>, in
    /// parallel (none by default).</summary>
    public IReadOnlyList<string> OtherBoards { get; init; } = [];

    /// <summary>The LAVA farm whose devices measure the candidates instead of the bench's boards, or null.</summary>
    public Farms.LavaSearch? Lava { get; init; }

    /// <summary>Every board the candidates are measured on: <see cref="Board"/>, then <see cref="OtherBoards"/>; none for a host-only search.</summary>
    public IReadOnlyList<string> Boards => Board is null ? [] : [Board, .. OtherBoards];
}
