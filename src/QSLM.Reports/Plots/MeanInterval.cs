namespace QSLM.Reports.Plots;

/// <summary>A mean and the half-width of its 95% confidence interval by Student's t, as the plots draw it.</summary>
public static class MeanInterval
{
    // Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (any statistics table, e.g. NIST/SEMATECH
    // e-Handbook of Statistical Methods, 1.3.6.7.2); past 30 the normal quantile is within 2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The mean of <paramref name="values"/> and its interval's half-width (null for a single value).</summary>
    public static (double Mean, double? HalfWidth) Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var mean = values.Average();
        if (values.Count < 2) return (mean, null);
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var df = values.Count - 1;
        var t = df <= T975.Length ? T975[df - 1] : 1.96;
        return (mean, t * sd / Math.Sqrt(values.Count));
    }
}
