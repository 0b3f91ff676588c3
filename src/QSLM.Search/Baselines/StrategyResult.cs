using QSLM.Search.Tiers;

namespace QSLM.Search.Baselines;

/// <summary>What a search strategy found and what it cost.</summary>
/// <param name="Strategy">Its name, as printed.</param>
/// <param name="Evaluations">Distinct evaluations it used (sensitivity measurements and the fp32 baseline included).</param>
/// <param name="Best">Its best feasible candidate, or null when it found none.</param>
/// <param name="All">Every candidate it evaluated, in order.</param>
public sealed record StrategyResult(string Strategy, int Evaluations, Candidate? Best, IReadOnlyList<Candidate> All)
{
    /// <summary>The result of a strategy that ran on <paramref name="ledger"/>.</summary>
    public static StrategyResult Of(string strategy, StrategyLedger ledger) => new(strategy, ledger.Evaluations, ledger.Best, ledger.All);

    /// <summary>How many evaluations it took to first reach a feasible candidate with objective at
    /// least <paramref name="score"/> (the count at that candidate), or null if it never did.</summary>
    public int? EvaluationsToReach(double score) =>
        All.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Feasible && x.c.Tier != SearchTier.Sensitivity && x.c.Score >= score) is { c: not null } hit ? hit.i + 1 : null;
}
