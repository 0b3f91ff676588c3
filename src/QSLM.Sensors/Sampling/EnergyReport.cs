using System.Globalization;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// The result of a repeated measurement: the idle baseline, every window, and the medians reported.
/// Its figures carry <see cref="Source"/>; <see cref="IdleSubtracted"/> says whether the windows are net of idle.
/// </summary>
public sealed record EnergyReport(SourceTag Source, double IdleWatts, int IdleSamples, bool IdleSubtracted, IReadOnlyList<WindowResult> Windows)
{
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
            $"{(invalid > 0 ? $"; {invalid} invalid samples left out" : "")}");
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
