using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Sensors.Statistics;

/// <summary>Cuts two sample series into consecutive windows and compares their mean power per window.</summary>
public static class WindowedComparison
{
    /// <summary>Mean power of each complete window of <paramref name="window"/> from the first sample on.</summary>
    public static IReadOnlyList<double> WindowMeans(IReadOnlyList<PowerReading> readings, TimeSpan window)
    {
        if (window <= TimeSpan.Zero) throw new ArgumentException("the window must be positive");
        var series = new SampleSeries(readings.Count > 0 ? readings[0].Source : SourceTag.Simulated("empty"), readings);
        if (series.ValidCount < 2) return [];
        var start = readings[0].Timestamp;
        var end = readings[^1].Timestamp;
        var means = new List<double>();
        for (var from = start; from + window <= end; from += window) means.Add(series.MeanWatts(from, from + window));
        return means;
    }

    /// <summary>Compares B's window means against A's; both must come from sources of the same kind. Series
    /// that cannot be compared (empty, of different kinds, too short) are the user's files: <see cref="InputException"/>.</summary>
    public static Comparison Compare(string nameA, IReadOnlyList<PowerReading> a, string nameB, IReadOnlyList<PowerReading> b, TimeSpan window, ComparisonOptions? options = null)
    {
        if (a.Count == 0 || b.Count == 0) throw new InputException("both candidates need samples");
        if (a[0].Source.Kind != b[0].Source.Kind)
            throw new InputException($"{nameA} is {a[0].Source} and {nameB} is {b[0].Source}: a measured figure is not compared with a simulated or estimated one");
        var wa = WindowMeans(a, window);
        var wb = WindowMeans(b, window);
        if (wa.Count < 2 || wb.Count < 2)
            throw new InputException($"at least 2 complete windows of {window.TotalSeconds} s are needed per candidate; {nameA} has {wa.Count}, {nameB} has {wb.Count}");
        var o = (options ?? new ComparisonOptions()) with { Window = window };
        var source = a[0].Source == b[0].Source ? a[0].Source : (SourceTag?)null;
        return CandidateComparer.Compare(nameA, wa, nameB, wb, o, source);
    }
}
