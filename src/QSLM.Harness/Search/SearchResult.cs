using QSLM.Search.Tiers;

namespace QSLM.Harness.Search;

/// <summary>How a search ended.</summary>
public enum SearchOutcome
{
    /// <summary>A candidate was chosen.</summary>
    Chosen,

    /// <summary>The board, link or agent failed; no candidate was blamed, and the same request resumes.</summary>
    InfrastructureFailure,

    /// <summary>Cancelled; what was logged stays, and the same request resumes.</summary>
    Cancelled,
}

/// <summary>The chosen classifier's precisions applied to the language model: its perplexity beside the fp32 LM's.</summary>
/// <param name="Chosen">Perplexity at the chosen precisions.</param>
/// <param name="Baseline">The fp32 LM's perplexity.</param>
/// <param name="Tokens">WikiText-2 test tokens both were measured on.</param>
public sealed record LmPerplexity(double Chosen, double Baseline, int Tokens);

/// <summary>What a search found, or why it stopped.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Folder">Its folder (search.csv, manifest.json).</param>
/// <param name="Ledger">Every candidate, its scores and the board's measurements.</param>
/// <param name="Chosen">The answer (with <see cref="SearchOutcome.Chosen"/>).</param>
/// <param name="CacheHits">Evaluations answered from the evaluation cache.</param>
/// <param name="Lm">For an SST-2 search that chose, the LM at the same precisions.</param>
/// <param name="ChosenModel">The chosen candidate's packed file, for a search with a board.</param>
/// <param name="Failure">What failed, with <see cref="SearchOutcome.InfrastructureFailure"/>.</param>
public sealed record SearchResult(
    SearchOutcome Outcome,
    string Folder,
    SearchLedger Ledger,
    Candidate? Chosen = null,
    int CacheHits = 0,
    LmPerplexity? Lm = null,
    string? ChosenModel = null,
    string? Failure = null)
{
    /// <summary>The run's id in the history it recorded itself into, or null when it recorded nothing.</summary>
    public string? HistoryRunId { get; init; }

    /// <summary>Boards that left the search after failing for infrastructure while others went on (several boards only).</summary>
    public IReadOnlyList<string> LostBoards { get; init; } = [];
}
