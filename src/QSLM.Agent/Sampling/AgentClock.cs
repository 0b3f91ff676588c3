using QSLM.Sensors.Board.Timing;

namespace QSLM.Agent.Sampling;

/// <summary>
/// The agent's one monotonic clock: seconds since the agent started, from the same counter
/// (<see cref="TimeProvider.System"/>, Stopwatch based) the sensors stamp their readings with. Every mark, sample,
/// window and clock-exchange reply the agent sends is on it, so the host relates them all to its own clock
/// through the same offset.
/// </summary>
internal static class AgentClock
{
    private static readonly TimeSpan Origin = SensorClock.Now(TimeProvider.System);

    /// <summary>Seconds since the agent started.</summary>
    public static double Seconds => ToSeconds(SensorClock.Now(TimeProvider.System));

    /// <summary>A sensor's timestamp (<see cref="SensorClock.Now"/> of the system clock) on this clock.</summary>
    public static double ToSeconds(TimeSpan timestamp) => (timestamp - Origin).TotalSeconds;

    /// <summary>Starts the clock (it starts at its first use otherwise).</summary>
    public static void Start() => _ = Origin;
}
