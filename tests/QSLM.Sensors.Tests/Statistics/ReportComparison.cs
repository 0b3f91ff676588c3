using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;

namespace QSLM.Sensors.Tests.Statistics;

/// <summary>What of two energy reports is compared.</summary>
public enum ReportQuantity
{
    /// <summary>Mean power per window.</summary>
    Power,

    /// <summary>Energy per token per window.</summary>
    EnergyPerToken,
}

/// <summary>Compares two candidates' <see cref="EnergyReport"/>s window by window.</summary>
public static class ReportComparison
{
    /// <summary>Compares B's windows against A's; both must be of the same source kind, idle handling and window length.</summary>
    public static Comparison Compare(string nameA, EnergyReport a, string nameB, EnergyReport b, ReportQuantity quantity, ComparisonOptions? options = null)
    {
        if (a.Source.Kind != b.Source.Kind)
            throw new ArgumentException($"{nameA} is {a.Source} and {nameB} is {b.Source}: a measured figure is not compared with a simulated or estimated one");
        if (a.IdleSubtracted != b.IdleSubtracted) throw new ArgumentException("one report has the idle power subtracted and the other not");
        var window = a.Windows[0].Duration;
        if (a.Windows.Concat(b.Windows).Any(w => w.Duration != window)) throw new ArgumentException("the two reports' windows differ in length");
        double[] Values(EnergyReport r) => quantity == ReportQuantity.Power
            ? [.. r.Windows.Select(w => w.MeanWatts)]
            : [.. r.Windows.Where(w => w.Tokens > 0).Select(w => w.JoulesPerToken)];
        var o = (options ?? new ComparisonOptions()) with
        {
            Window = window,
            Quantity = quantity == ReportQuantity.Power ? (a.IdleSubtracted ? "power above idle" : "power") : (a.IdleSubtracted ? "energy per token above idle" : "energy per token"),
            Unit = quantity == ReportQuantity.Power ? "W" : "J",
        };
        return CandidateComparer.Compare(nameA, Values(a), nameB, Values(b), o, a.Source == b.Source ? a.Source : null);
    }
}
