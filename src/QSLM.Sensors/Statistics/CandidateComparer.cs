using QSLM.Sensors.Board;
namespace QSLM.Sensors.Statistics;

/// <summary>
/// Compares two candidates' per-window power or energy per token with a seeded percentile bootstrap
/// (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13): each side is resampled
/// with replacement, the relative difference of means recomputed, and the interval read from the
/// resampled distribution's percentiles. Percentile intervals are somewhat narrow for very small n;
/// MLPerf Tiny's 5 windows per candidate is the least this should be given.
/// </summary>
public static class CandidateComparer
{
    /// <summary>Compares <paramref name="b"/> against <paramref name="a"/>.</summary>
    public static Comparison Compare(string nameA, IReadOnlyList<double> a, string nameB, IReadOnlyList<double> b, ComparisonOptions? options = null, SourceTag? source = null)
    {
        var o = options ?? new ComparisonOptions();
        if (a.Count < 2 || b.Count < 2) throw new ArgumentException($"a comparison needs at least 2 values per candidate; got {a.Count} and {b.Count}");
        if (o.Resamples < 100) throw new ArgumentException("at least 100 bootstrap resamples are needed");
        if (o.Confidence is <= 0 or >= 1) throw new ArgumentException("the confidence level must lie between 0 and 1");
        var sa = CandidateSummary.Of(nameA, a);
        var sb = CandidateSummary.Of(nameB, b);
        if (sa.Mean <= 0) throw new ArgumentException($"{nameA}'s mean is not positive; a relative difference needs a positive reference");

        var random = new Random(o.Seed);
        var differences = new double[o.Resamples];
        for (var i = 0; i < o.Resamples; i++)
        {
            var ma = ResampledMean(a, random);
            differences[i] = ResampledMean(b, random) / ma - 1;
        }
        Array.Sort(differences);
        var tail = (1 - o.Confidence) / 2;
        return new Comparison(sa, sb, sb.Mean / sa.Mean - 1, Percentile(differences, tail), Percentile(differences, 1 - tail), o, source);
    }

    private static double ResampledMean(IReadOnlyList<double> values, Random random)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
        return sum / values.Count;
    }

    /// <summary>Linear interpolation between order statistics of a sorted array.</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }
}
