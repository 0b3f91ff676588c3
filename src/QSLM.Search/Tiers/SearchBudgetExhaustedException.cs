namespace QSLM.Search.Tiers;

/// <summary>The search's budget ran out before the next host evaluation (<see cref="SearchLedger.EvaluateAsync"/>);
/// <see cref="TieredSearch"/> answers the best feasible candidate so far instead of going on.</summary>
/// <param name="reason">Which bound ran out, in words (<c>40 host evaluations</c>).</param>
public sealed class SearchBudgetExhaustedException(string reason) : Exception($"the search budget ran out: {reason}")
{
    /// <summary>Which bound ran out, in words.</summary>
    public string Reason { get; } = reason;
}
