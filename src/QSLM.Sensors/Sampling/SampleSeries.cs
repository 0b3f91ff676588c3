using QSLM.Sensors.Board;
namespace QSLM.Sensors.Sampling;

/// <summary>The readings of one sampling run, in time order, with the invalid ones kept and counted.</summary>
public sealed class SampleSeries
{
    /// <summary>Wraps readings taken from one source.</summary>
    public SampleSeries(SourceTag source, IReadOnlyList<PowerReading> readings)
    {
        Source = source;
        Readings = readings;
    }

    /// <summary>The source all readings came from.</summary>
    public SourceTag Source { get; }

    /// <summary>Every reading, valid or not.</summary>
    public IReadOnlyList<PowerReading> Readings { get; }

    /// <summary>Readings usable for integration.</summary>
    public int ValidCount => Readings.Count(r => r.IsValid);

    /// <summary>Readings dropped (overflow, timeout, unreadable).</summary>
    public int InvalidCount => Readings.Count - ValidCount;

    /// <summary>The valid readings as (time, watts) points.</summary>
    public IReadOnlyList<(TimeSpan Time, double Watts)> Points() =>
        [.. Readings.Where(r => r.IsValid).Select(r => (r.Timestamp, (double)r.Power.Watts))];

    /// <summary>Energy in joules between two marks on the sampling clock.</summary>
    public double Joules(TimeSpan from, TimeSpan to) => EnergyIntegration.Joules(Points(), from, to);

    /// <summary>Mean power in watts between two marks (energy over duration).</summary>
    public double MeanWatts(TimeSpan from, TimeSpan to) =>
        to > from ? Joules(from, to) / (to - from).TotalSeconds : throw new ArgumentException("an empty window has no mean power");

    /// <summary>Readings with timestamps inside [from, to].</summary>
    public IEnumerable<PowerReading> Between(TimeSpan from, TimeSpan to) => Readings.Where(r => r.Timestamp >= from && r.Timestamp <= to);
}
