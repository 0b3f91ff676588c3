using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Power;

/// <summary>The energy one board sensor saw between two marks on the agent's clock, from the samples the agent sent.</summary>
/// <param name="Joules">Energy between the marks.</param>
/// <param name="Samples">Samples taken between the marks.</param>
/// <param name="Source">Their tag.</param>
public sealed record BoardSampleEnergy(double Joules, int Samples, SourceTag Source)
{
    /// <summary>
    /// Power samples are integrated by trapezoids with the edges interpolated (<see cref="EnergyIntegration"/>);
    /// an energy counter (RAPL) is read at both marks by interpolation, its steps summed so that a wrap or reset
    /// (a step down) counts as nothing rather than as a huge negative energy.
    /// </summary>
    /// <exception cref="InvalidDataException">The sensor sent no samples, samples in another unit, or under two tags.</exception>
    public static BoardSampleEnergy Between(IReadOnlyList<SensorSamples> samples, string sensor, double startSeconds, double stopSeconds)
    {
        var mine = samples.Where(s => s.Sensor == sensor && s.Quantity is "power" or "energy").ToList();
        if (mine.Count == 0 || mine.All(s => s.Values.Count == 0)) throw new InvalidDataException($"the board sent no samples of {sensor} in a window");
        var sources = mine.Select(s => s.Source).Distinct().ToList();
        if (sources.Count > 1) throw new InvalidDataException($"{sensor} sent samples under {sources.Count} tags in one window ({string.Join(", ", sources)}); a figure has one provenance");
        var quantities = mine.Select(s => (s.Quantity, s.Unit)).Distinct().ToList();
        if (quantities.Count > 1 || quantities[0] is not ("power", "W") and not ("energy", "J"))
            throw new InvalidDataException($"{sensor} sent {string.Join(", ", quantities.Select(q => $"{q.Quantity} in {q.Unit}"))}; power in W or an energy counter in J is needed");
        var points = mine.SelectMany(s => s.AgentSeconds.Zip(s.Values)).OrderBy(p => p.First).ToList();
        var from = TimeSpan.FromSeconds(startSeconds);
        var to = TimeSpan.FromSeconds(stopSeconds);
        var inside = points.Count(p => p.First >= startSeconds && p.First <= stopSeconds);
        if (quantities[0].Quantity == "power")
            return new(EnergyIntegration.Joules([.. points.Select(p => (TimeSpan.FromSeconds(p.First), p.Second))], from, to), inside, sources[0]);
        var counter = new List<(TimeSpan Time, double Watts)>(points.Count);
        var total = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0) total += Math.Max(0, points[i].Second - points[i - 1].Second);
            counter.Add((TimeSpan.FromSeconds(points[i].First), total));
        }
        return new(EnergyIntegration.At(counter, to) - EnergyIntegration.At(counter, from), inside, sources[0]);
    }
}
