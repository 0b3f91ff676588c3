namespace QSLM.Cli.Reports;

/// <summary>
/// The non-dominated points in size against a metric: a point is on the front when no other point
/// is at most as large and at least as good, and strictly better in one of the two. Of points that
/// tie exactly, the first given stands for them all.
/// </summary>
internal static class ParetoFront
{
    /// <summary>The front of <paramref name="points"/>, smallest first.</summary>
    /// <param name="points">The candidates.</param>
    /// <param name="size">Size (smaller is better).</param>
    /// <param name="metric">The metric.</param>
    /// <param name="higherIsBetter">True for accuracy, false for perplexity.</param>
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> points, Func<T, double> size, Func<T, double> metric, bool higherIsBetter)
    {
        // Sorted by size, then best metric first, then input order (OrderBy is stable): a sweep that
        // keeps each point strictly better than every smaller one leaves exactly the front.
        var goodness = higherIsBetter ? metric : p => -metric(p);
        var front = new List<T>();
        var best = double.NegativeInfinity;
        foreach (var p in points.OrderBy(size).ThenByDescending(goodness))
        {
            if (!(goodness(p) > best)) continue;
            front.Add(p);
            best = goodness(p);
        }
        return front;
    }
}
