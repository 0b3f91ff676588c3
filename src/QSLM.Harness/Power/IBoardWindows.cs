using QSLM.Protocol.Messages;

namespace QSLM.Harness.Power;

/// <summary>
/// The board side of a lab measurement: windows of inference or of idling, sampled by the board's own
/// sensors on the agent's monotonic clock, and clock exchanges that relate that clock to the host's.
/// </summary>
public interface IBoardWindows
{
    /// <summary>The host's monotonic clock, in seconds (the clock of <see cref="ClockExchange"/> and of a host-side meter).</summary>
    double HostSeconds { get; }

    /// <summary>Samples <paramref name="sensors"/> for <paramref name="length"/> while the board does no work.</summary>
    Task<BoardWindow> IdleAsync(TimeSpan length, IReadOnlyList<string> sensors, CancellationToken cancellationToken);

    /// <summary>Runs the model at <paramref name="modelPath"/> for at least <paramref name="length"/> after an untimed
    /// warm-up of at least <paramref name="warmup"/>, sampling <paramref name="sensors"/> between its marks.</summary>
    Task<BoardWindow> RunAsync(string modelPath, TimeSpan length, TimeSpan warmup, IReadOnlyList<string> sensors, CancellationToken cancellationToken);

    /// <summary>One exchange of clock readings with the agent.</summary>
    Task<ClockExchange> SyncAsync(CancellationToken cancellationToken);
}

/// <summary>One window on the board.</summary>
/// <param name="StartSeconds">Its start mark on the agent's monotonic clock.</param>
/// <param name="StopSeconds">Its stop mark on the agent's monotonic clock.</param>
/// <param name="Tokens">Tokens run in it (0 for an idle window).</param>
/// <param name="CpuSeconds">Processor time the agent used in it.</param>
/// <param name="Samples">Every sample of every sensor sampled in it, in the order received.</param>
/// <param name="Thermal">Temperature and throttle state over it, where the board reports them.</param>
public sealed record BoardWindow(double StartSeconds, double StopSeconds, long Tokens, double CpuSeconds, IReadOnlyList<SensorSamples> Samples, ThermalState? Thermal);

/// <summary>One clock exchange: the host's clock when it asked and when the answer came, and the agent's in between.</summary>
/// <param name="HostSentSeconds">Host monotonic seconds when the request was sent.</param>
/// <param name="AgentSeconds">Agent monotonic seconds when it answered.</param>
/// <param name="HostReceivedSeconds">Host monotonic seconds when the reply arrived.</param>
public sealed record ClockExchange(double HostSentSeconds, double AgentSeconds, double HostReceivedSeconds);
