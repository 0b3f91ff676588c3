using QSLM.Errors;
using QSLM.Sensors.Sampling;

namespace QSLM.Cli.SearchOptions;

/// <summary>The search's <c>--quick-windows</c>, <c>--window-seconds</c> and <c>--windows</c>, as the rules of every
/// measurement with a meter.</summary>
internal static class LabWindowOptions
{
    /// <summary>The lab's defaults (MLPerf Tiny), or the quick preset, with the given window length and count.</summary>
    /// <exception cref="InputException">A window shorter than a lab accepts outside quick mode.</exception>
    public static LabWindowRules Parse(bool quick, double? windowSeconds, int? windows)
    {
        var rules = quick ? LabWindowRules.QuickPreset : new LabWindowRules();
        if (windowSeconds is { } seconds) rules = rules with { Window = TimeSpan.FromSeconds(seconds) };
        if (windows is { } count) rules = rules with { Repeats = count };
        try
        {
            rules.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--window-seconds: {e.Message}", e);
        }
        return rules;
    }
}
