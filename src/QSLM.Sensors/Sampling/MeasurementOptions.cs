using System.Globalization;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// How energy is measured, with MLPerf Tiny's energy rules as defaults: windows of at least 10 s,
/// 5 repeats, the median reported; an idle window before the runs gives the baseline.
/// </summary>
public sealed record MeasurementOptions
{
    /// <summary>The shortest window allowed (MLPerf Tiny: at least 10 s per measurement).</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(10);

    /// <summary>Length of each measured window.</summary>
    public TimeSpan Window { get; init; } = MinimumWindow;

    /// <summary>Measured windows; the median is reported.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Length of the idle window measured before the runs.</summary>
    public TimeSpan IdleWindow { get; init; } = MinimumWindow;

    /// <summary>Subtract the idle power from every window (energy of the work alone).</summary>
    public bool SubtractIdle { get; init; }

    /// <summary>Throws on settings that would make the figures indefensible.</summary>
    public void Validate()
    {
        if (Window < MinimumWindow || IdleWindow < MinimumWindow)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"measurement windows must last at least {MinimumWindow.TotalSeconds:F0} s (MLPerf Tiny); got {Window.TotalSeconds:F1} s and an idle window of {IdleWindow.TotalSeconds:F1} s"));
        if (Repeats < 1) throw new ArgumentException("at least one repeat is needed");
    }
}
