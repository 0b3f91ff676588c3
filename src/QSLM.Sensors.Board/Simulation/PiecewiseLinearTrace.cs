namespace QSLM.Sensors.Board.Simulation;

/// <summary>
/// A power trace given by its corner points (time, watts), linear in between and held constant
/// before the first and after the last point. Its integral is exact, which is what the energy
/// integration is checked against.
/// </summary>
public sealed class PiecewiseLinearTrace
{
    private readonly TimeSpan[] _times;
    private readonly double[] _watts;

    /// <summary>Creates a trace; times must strictly increase.</summary>
    public PiecewiseLinearTrace(IEnumerable<(TimeSpan Time, double Watts)> points)
    {
        var list = points.ToList();
        if (list.Count == 0) throw new ArgumentException("a trace needs at least one point");
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Time <= list[i - 1].Time) throw new ArgumentException("trace times must strictly increase");
        }
        _times = [.. list.Select(p => p.Time)];
        _watts = [.. list.Select(p => p.Watts)];
    }

    /// <summary>A constant trace.</summary>
    public static PiecewiseLinearTrace Constant(double watts) => new([(TimeSpan.Zero, watts)]);

    /// <summary>Steps: <paramref name="levels"/>[i] watts for <paramref name="each"/>, with linear ramps of <paramref name="ramp"/> between levels.</summary>
    public static PiecewiseLinearTrace Steps(TimeSpan each, TimeSpan ramp, params double[] levels)
    {
        var points = new List<(TimeSpan, double)>();
        var t = TimeSpan.Zero;
        foreach (var level in levels)
        {
            points.Add((t, level));
            points.Add((t + each - ramp, level));
            t += each;
        }
        return new PiecewiseLinearTrace(points);
    }

    /// <summary>Power at <paramref name="t"/>.</summary>
    public double WattsAt(TimeSpan t)
    {
        if (t <= _times[0]) return _watts[0];
        if (t >= _times[^1]) return _watts[^1];
        var i = Array.BinarySearch(_times, t);
        if (i >= 0) return _watts[i];
        i = ~i;
        var f = (t - _times[i - 1]).Ticks / (double)(_times[i] - _times[i - 1]).Ticks;
        return _watts[i - 1] + f * (_watts[i] - _watts[i - 1]);
    }

    /// <summary>The exact energy in joules between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public double ExactJoules(TimeSpan from, TimeSpan to)
    {
        if (to < from) throw new ArgumentException("the end precedes the start");
        var corners = new List<TimeSpan> { from };
        corners.AddRange(_times.Where(t => t > from && t < to));
        corners.Add(to);
        var joules = 0.0;
        for (var i = 1; i < corners.Count; i++)
        {
            joules += (WattsAt(corners[i - 1]) + WattsAt(corners[i])) / 2 * (corners[i] - corners[i - 1]).TotalSeconds;
        }
        return joules;
    }
}
