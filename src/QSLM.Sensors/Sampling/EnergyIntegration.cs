namespace QSLM.Sensors.Sampling;

/// <summary>
/// Energy as the trapezoidal integral of power over time. Points between the window's edges count as
/// they are; the edges themselves are interpolated linearly from their neighbours (held flat beyond
/// the first or last point), so a window aligned with the agent's start/stop marks integrates exactly
/// the work's span, not the span of the nearest samples.
/// </summary>
public static class EnergyIntegration
{
    /// <summary>Joules between <paramref name="from"/> and <paramref name="to"/>; points must be sorted by time.</summary>
    public static double Joules(IReadOnlyList<(TimeSpan Time, double Watts)> points, TimeSpan from, TimeSpan to)
    {
        if (to < from) throw new ArgumentException("the window ends before it starts");
        if (points.Count == 0) throw new ArgumentException("no valid samples to integrate");
        var joules = 0.0;
        var previous = (Time: from, Watts: At(points, from));
        foreach (var p in points)
        {
            if (p.Time <= from) continue;
            if (p.Time >= to) break;
            joules += (previous.Watts + p.Watts) / 2 * (p.Time - previous.Time).TotalSeconds;
            previous = p;
        }
        joules += (previous.Watts + At(points, to)) / 2 * (to - previous.Time).TotalSeconds;
        return joules;
    }

    /// <summary>Power at <paramref name="t"/>, interpolated between the points around it.</summary>
    public static double At(IReadOnlyList<(TimeSpan Time, double Watts)> points, TimeSpan t)
    {
        if (t <= points[0].Time) return points[0].Watts;
        if (t >= points[^1].Time) return points[^1].Watts;
        int lo = 0, hi = points.Count - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (points[mid].Time <= t) lo = mid; else hi = mid;
        }
        var (t0, w0) = points[lo];
        var (t1, w1) = points[hi];
        return w0 + (w1 - w0) * ((t - t0).Ticks / (double)(t1 - t0).Ticks);
    }
}
