using UnitsNet;

namespace QSLM.Sensors.Board;

/// <summary>
/// One sample of a power source. <see cref="Timestamp"/> is monotonic time from the sampling clock
/// (<see cref="TimeProvider.GetTimestamp"/>), never wall-clock time. An invalid sample (an INA219
/// overflow, a timed-out conversion, an unreadable file) stays in the record with
/// <see cref="IsValid"/> false and <see cref="Problem"/> saying why, so it is counted, not silently zeroed.
/// </summary>
public sealed record PowerReading
{
    /// <summary>Monotonic time of the sample.</summary>
    public required TimeSpan Timestamp { get; init; }

    /// <summary>The board (or device) total power.</summary>
    public required Power Power { get; init; }

    /// <summary>Current of the total where the source reports it.</summary>
    public ElectricCurrent? Current { get; init; }

    /// <summary>Supply (bus) voltage where the source reports it.</summary>
    public ElectricPotential? Voltage { get; init; }

    /// <summary>False when the sample must not be used; <see cref="Problem"/> says why.</summary>
    public bool IsValid { get; init; } = true;

    /// <summary>Why the sample is invalid; null when valid.</summary>
    public string? Problem { get; init; }

    /// <summary>Where the figure comes from.</summary>
    public required SourceTag Source { get; init; }

    /// <summary>The calibration record applied (its sensor id and date), or null when none was.</summary>
    public string? Calibration { get; init; }

    /// <summary>Per-rail figures of a multi-rail source; empty for a single-channel one.</summary>
    public IReadOnlyList<RailReading> Rails { get; init; } = [];

    /// <summary>An invalid sample at <paramref name="timestamp"/>.</summary>
    public static PowerReading Invalid(TimeSpan timestamp, SourceTag source, string problem) =>
        new() { Timestamp = timestamp, Power = Power.Zero, Source = source, IsValid = false, Problem = problem };
}
