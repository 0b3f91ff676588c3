namespace QSLM.Sensors.Sampling;

/// <summary>One measured window: its span on the sampling clock, the samples in it, energy and power, tokens done.</summary>
public sealed record WindowResult(
    int Repeat,
    TimeSpan Start,
    TimeSpan Stop,
    int Samples,
    int InvalidSamples,
    double Joules,
    double MeanWatts,
    long Tokens)
{
    /// <summary>Window length.</summary>
    public TimeSpan Duration => Stop - Start;

    /// <summary>Joules per token, or NaN where no token was completed.</summary>
    public double JoulesPerToken => Tokens > 0 ? Joules / Tokens : double.NaN;

    /// <summary>Measures the window between two marks of <paramref name="series"/>, minus <paramref name="baselineWatts"/> over its length.</summary>
    public static WindowResult Of(SampleSeries series, int repeat, TimeSpan start, TimeSpan stop, long tokens, double baselineWatts = 0)
    {
        var inWindow = series.Between(start, stop).ToList();
        var joules = series.Joules(start, stop) - baselineWatts * (stop - start).TotalSeconds;
        return new WindowResult(repeat, start, stop, inWindow.Count, inWindow.Count(r => !r.IsValid), joules, joules / (stop - start).TotalSeconds, tokens);
    }
}
