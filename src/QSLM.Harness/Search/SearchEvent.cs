using QSLM.Search.Hierarchy;
using QSLM.Search.Objective;
using QSLM.Search.Tiers;

namespace QSLM.Harness.Search;

/// <summary>Something a running search reports as it goes.</summary>
public abstract record SearchEvent;

/// <summary>The search's folder is ready and its model loaded; <paramref name="LoggedRows"/> rows of an
/// earlier run will be replayed.</summary>
/// <param name="Folder">The search's folder.</param>
/// <param name="LoggedRows">Rows already in its CSV.</param>
/// <param name="Manifest">What it searches.</param>
/// <param name="Objective">Its constraints and objective.</param>
/// <param name="Hierarchy">The searched model's hierarchy.</param>
public sealed record SearchOpened(string Folder, int LoggedRows, SearchManifest Manifest, SearchObjective Objective, ModelHierarchy Hierarchy) : SearchEvent;

/// <summary>The board is up (for a search with one) and the first candidate is next.</summary>
public sealed record SearchStarted : SearchEvent;

/// <summary>A candidate is known (evaluated, replayed, or measured on the board).</summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="Description">One line saying what it scored (<see cref="SearchLedger.Describe"/>).</param>
public sealed record CandidateReported(Candidate Candidate, string Description) : SearchEvent;

/// <summary>A line about the board: which agent build it runs, an agent being prepared.</summary>
/// <param name="Line">The line.</param>
public sealed record BoardReported(string Line) : SearchEvent;
