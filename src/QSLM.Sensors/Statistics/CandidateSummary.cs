namespace QSLM.Sensors.Statistics;

/// <summary>n, mean, median and sample standard deviation of one candidate's per-window figures.</summary>
public sealed record CandidateSummary(string Name, int N, double Mean, double Median, double StandardDeviation)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static CandidateSummary Of(string name, IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException($"candidate {name} has no values");
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : double.NaN;
        return new CandidateSummary(name, values.Count, mean, Sampling.EnergyReport.Median(values), sd);
    }
}
