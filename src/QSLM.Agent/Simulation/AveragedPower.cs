namespace QSLM.Agent.Simulation;

/// <summary>
/// The power a simulated sensor reads: the mean, over its averaging time, of the energy the simulation has spent, as
/// the INA3221 averages several conversions into one reading (TI INA3221 datasheet, SBOS576, "averaging and conversion
/// time"). The energy is counted exactly; only its spread in time is the sensor's. Readings one averaging time apart
/// add up to the energy of the time they cover, whatever the power did between the simulation's ticks.
/// </summary>
internal sealed class AveragedPower(double period)
{
    private readonly Queue<(double Seconds, double Joules)> _history = new();
    private (double Seconds, double Joules)? _beforeHistory;
    private double _joules;

    /// <summary>Energy spent since the start.</summary>
    public double Joules => _joules;

    /// <summary>Records <paramref name="joules"/> spent up to <paramref name="seconds"/> and returns the mean power over
    /// the averaging time ending then (over the time since the start, while that is shorter); <paramref name="fallback"/> before
    /// any time has passed.</summary>
    public double Add(double seconds, double joules, double fallback)
    {
        _joules += joules;
        _history.Enqueue((seconds, _joules));
        while (_history.Count > 1 && _history.Peek().Seconds <= seconds - period) _beforeHistory = _history.Dequeue();
        var (fromSeconds, fromJoules) = _beforeHistory ?? _history.Peek();
        var from = seconds - period;
        if (_beforeHistory is { } before && _history.Peek() is var first && first.Seconds > before.Seconds && from > before.Seconds)
        {
            // The period starts between two ticks: the energy before its start is interpolated, as power was steady between them.
            fromJoules = before.Joules + ((first.Joules - before.Joules) * (from - before.Seconds) / (first.Seconds - before.Seconds));
            fromSeconds = from;
        }
        return seconds > fromSeconds ? (_joules - fromJoules) / (seconds - fromSeconds) : fallback;
    }
}
