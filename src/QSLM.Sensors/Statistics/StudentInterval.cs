namespace QSLM.Sensors.Statistics;

/// <summary>
/// The mean of a few repeats and the half-width of its 95% confidence interval by Student's t
/// (two-sided, n − 1 degrees of freedom): the right interval for the handful of repeats a board
/// measurement takes, where the normal 1.96 would be too narrow (t = 4.30 at three repeats).
/// Quantiles from any t table (e.g. NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2).
/// </summary>
public static class StudentInterval
{
    // t(0.975, df) for df = 1..30; beyond 30 the normal quantile is within 2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    // t(0.90, df), one-sided, for df = 1..30; beyond 30 the normal 1.282.
    private static readonly double[] T90 =
    [
        3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
        1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
        1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
    ];

    /// <summary>The mean of <paramref name="values"/> and its 95% half-width (null for a single value).</summary>
    public static (double Mean, double? HalfWidth) Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var mean = values.Average();
        if (values.Count == 1) return (mean, null);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Quantile975(values.Count - 1) * Math.Sqrt(variance / values.Count));
    }

    /// <summary>t(0.975, <paramref name="degreesOfFreedom"/>): the two-sided 95% quantile of Student's t (the normal 1.960 beyond 30).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return degreesOfFreedom <= T975.Length ? T975[degreesOfFreedom - 1] : 1.960;
    }

    /// <summary>t(0.90, <paramref name="degreesOfFreedom"/>): the one-sided 90% quantile of Student's t (the normal 1.282 beyond 30),
    /// the power term of a sample-size calculation at 90% power.</summary>
    public static double Quantile90(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return degreesOfFreedom <= T90.Length ? T90[degreesOfFreedom - 1] : 1.282;
    }
}
