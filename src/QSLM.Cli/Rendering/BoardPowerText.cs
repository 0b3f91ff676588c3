using System.Globalization;
using QSLM.Search.Board;

namespace QSLM.Cli.Rendering;

/// <summary>A board measurement's power figures in words, each with its 95% interval and its source tag, so a
/// summary never shows a figure without saying where it came from and whether quick windows made it.</summary>
internal static class BoardPowerText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Gross power (what the board draws), its interval, the idle power and the net power, and the source.</summary>
    public static string Power(BoardMeasurement m) => string.Create(Inv,
        $"{m.PowerWatts:F3} W{Interval(m.PowerCi95Watts, "F3")}{(m.IdleWatts is { } idle ? $" (idle {idle:F3} W, net {m.NetWatts:F3} W)" : "")} [{m.PowerSource}]{QuickMark(m)}");

    /// <summary>Gross energy per token, its interval and the net figure.</summary>
    public static string Energy(BoardMeasurement m) => string.Create(Inv,
        $"{m.EnergyJoulesPerToken * 1e3:F4} mJ/token{Interval(m.EnergyCi95JoulesPerToken * 1e3, "F4")}{(m.NetJoulesPerToken is { } net ? $" (net {net * 1e3:F4})" : "")} [{m.PowerSource}]{QuickMark(m)}");

    /// <summary>How many windows of what length, and how many stayed throttled.</summary>
    public static string Windows(BoardMeasurement m) => m.Windows is not { } n ? "none (estimated)" : string.Create(Inv,
        $"{n} × {m.WindowSeconds:0.###} s{(m.ThrottledWindows > 0 ? $", {m.ThrottledWindows} throttled (flagged)" : "")}{QuickMark(m)}");

    /// <summary>The candidate's paired energy saving against the baseline, with its interval.</summary>
    public static string Saving(BoardMeasurement m) => string.Create(Inv,
        $"{m.Saving:P1}{(m.SavingCi95 is { } ci ? $" ± {ci:P1}" : "")} [{m.PowerSource}]{QuickMark(m)}");

    private static string Interval(double? halfWidth, string format) =>
        halfWidth is { } h ? " ± " + h.ToString(format, Inv) + " (95%)" : "";

    private static string QuickMark(BoardMeasurement m) => m.Quick ? " — quick windows, not a lab figure" : "";
}
