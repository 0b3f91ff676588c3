using System.Globalization;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// The result of a repeated measurement: the idle baseline, every window, and the medians reported.
/// Its figures carry <see cref="Source"/>; <see cref="IdleSubtracted"/> says whether the windows are net of idle.
/// </summary>
public sealed record EnergyReport(SourceTag Source, double IdleWatts, int IdleSamples, bool IdleSubtracted, IReadOnlyList<WindowResult> Windows)
{
    /// <summary>Whether the windows followed the quick rules (shorter or fewer than a lab accepts).</summary>
    public bool Quick { get; init; }

    /// <summary>Seconds of work discarded before each window.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Seconds of pause between windows.</summary>
    public double CooldownSeconds { get; init; }

    /// <summary>Median mean power including the idle draw (what the supply delivered).</summary>
    public double MedianGrossWatts => IdleSubtracted ? MedianWatts + IdleWatts : MedianWatts;

    /// <summary>Median mean power above the idle draw (the work alone).</summary>
    public double MedianNetWatts => IdleSubtracted ? MedianWatts : MedianWatts - IdleWatts;

    /// <summary>Median energy per window.</summary>
    public double MedianJoules => Median(Windows.Select(w => w.Joules));

    /// <summary>Median mean power.</summary>
    public double MedianWatts => Median(Windows.Select(w => w.MeanWatts));

    /// <summary>Median energy per token over the windows that completed tokens; NaN if none did.</summary>
    public double MedianJoulesPerToken => Median(Windows.Where(w => w.Tokens > 0).Select(w => w.JoulesPerToken));

    /// <summary>One line: the figures with their tag, n and window length.</summary>
    public string Summary()
    {
        var invalid = Windows.Sum(w => w.InvalidSamples);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Source}: median {MedianWatts:F3} W{(IdleSubtracted ? " above idle" : "")}, {MedianJoules:F3} J per window" +
            $"{(double.IsNaN(MedianJoulesPerToken) ? "" : $", {MedianJoulesPerToken * 1000:F4} mJ/token")}; n = {Windows.Count} windows of {Windows[0].Duration.TotalSeconds:F1} s; idle {IdleWatts:F3} W ({IdleSamples} samples)" +
            $"; gross {MedianGrossWatts:F3} W, net {MedianNetWatts:F3} W; warm-up {WarmupSeconds:F1} s discarded, cool-down {CooldownSeconds:F1} s" +
            $"{(invalid > 0 ? $"; {invalid} invalid samples left out" : "")}" +
            $"{(Quick ? "; quick mode: shorter or fewer windows than a lab accepts (for tests and demonstrations)" : "")}");
    }

    /// <summary>Median of a sequence (mean of the middle two for an even count); NaN when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
