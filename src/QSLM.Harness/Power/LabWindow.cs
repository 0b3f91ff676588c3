using QSLM.Sensors.Board;

namespace QSLM.Harness.Power;

/// <summary>One window of a lab measurement, as measured: the record behind every figure, for the CSV and the log.</summary>
/// <param name="Order">Its place in the run (0 is the idle window).</param>
/// <param name="Side">Which candidate it measured; null for the idle window.</param>
/// <param name="Repeat">Its repeat (pair), zero-based; -1 for the idle window.</param>
/// <param name="Attempt">1, or 2 for the repeat of a throttled window.</param>
/// <param name="Kept">Whether it counts (a throttled window that was repeated does not).</param>
/// <param name="Throttled">Whether the board throttled in it.</param>
/// <param name="ThrottleDetail">What said so, where the board said.</param>
/// <param name="MaxCelsius">The hottest reading in it, where the board reports temperature.</param>
/// <param name="CooldownSeconds">The cool-down before it.</param>
/// <param name="CooldownCapped">Whether that cool-down ended at its cap with the board still warm.</param>
/// <param name="StartSeconds">Its start mark on the agent's clock.</param>
/// <param name="StopSeconds">Its stop mark on the agent's clock.</param>
/// <param name="Tokens">Tokens run in it.</param>
/// <param name="Samples">Meter samples between its marks.</param>
/// <param name="Joules">Energy between its marks, idle included.</param>
/// <param name="IdleWatts">The idle power of the same run.</param>
/// <param name="Source">The meter's tag.</param>
public sealed record LabWindow(
    int Order,
    LabSide? Side,
    int Repeat,
    int Attempt,
    bool Kept,
    bool Throttled,
    string? ThrottleDetail,
    double? MaxCelsius,
    double CooldownSeconds,
    bool CooldownCapped,
    double StartSeconds,
    double StopSeconds,
    long Tokens,
    int Samples,
    double Joules,
    double IdleWatts,
    SourceTag Source)
{
    /// <summary>Its length.</summary>
    public double Seconds => StopSeconds - StartSeconds;

    /// <summary>Mean power, idle included (what the supply delivered).</summary>
    public double GrossWatts => Joules / Seconds;

    /// <summary>Mean power above idle (the work alone).</summary>
    public double NetWatts => GrossWatts - IdleWatts;

    /// <summary>Energy per token, idle included; NaN for a window without tokens.</summary>
    public double GrossJoulesPerToken => Tokens > 0 ? Joules / Tokens : double.NaN;

    /// <summary>Energy per token above idle; NaN for a window without tokens.</summary>
    public double NetJoulesPerToken => Tokens > 0 ? (Joules - (IdleWatts * Seconds)) / Tokens : double.NaN;

    /// <summary>Milliseconds per token; NaN for a window without tokens.</summary>
    public double LatencyMs => Tokens > 0 ? Seconds * 1000 / Tokens : double.NaN;

    /// <summary>Kept although throttled: it stayed throttled when repeated.</summary>
    public bool Flagged => Kept && Throttled && Side is not null;
}
