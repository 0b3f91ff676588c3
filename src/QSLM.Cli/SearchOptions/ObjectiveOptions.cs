using QSLM.Errors;
using QSLM.Search.Objective;

namespace QSLM.Cli.SearchOptions;

/// <summary>The objective from the options the search commands share (--const-a, --const-m, --alpha, and the search's --power-weight).</summary>
internal static class ObjectiveOptions
{
    /// <summary>Parses and validates the objective; constA defaults to acc&gt;=-1pt for SST-2 and ppl&lt;=+5% for the LM.</summary>
    /// <exception cref="InputException">A malformed constraint, a negative alpha or power weight, or a constA of the other task's metric.</exception>
    public static SearchObjective Parse(bool isSst2, string? constA, string? constM, double alpha, double powerWeight = 0)
    {
        var objective = new SearchObjective(
            AccuracyConstraint.Parse(constA ?? (isSst2 ? "acc>=-1pt" : "ppl<=+5%")),
            constM is { } m ? ByteSize.Parse(m) : null,
            alpha, powerWeight).Validate();
        if ((objective.ConstA.Metric == MetricKind.Accuracy) != isSst2)
            throw new InputException($"constA {objective.ConstA} does not fit --task {(isSst2 ? "sst2" : "lm")} (sst2 takes acc>=..., lm takes ppl<=...)");
        return objective;
    }
}
