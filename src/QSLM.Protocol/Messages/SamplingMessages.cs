using QSLM.Sensors.Board;

namespace QSLM.Protocol.Messages;

/// <summary>Agent → host: samples of one sensor in one window, on the agent's monotonic clock. A long
/// window arrives as several of these (at most <see cref="ProtocolLimits.MaxSamplesPerMessage"/> samples
/// each), all before the window's stop mark, so the agent holds at most one chunk per sensor.</summary>
/// <param name="Window">The window: a run's repeat index, or <see cref="IdleWindow"/> for an idle window.</param>
/// <param name="Sensor">The sensor's spec, as named in the request.</param>
/// <param name="Quantity">power or energy (a cumulative counter); temperature for a thermal zone.</param>
/// <param name="Unit">SI unit of <paramref name="Values"/> (W, J, °C).</param>
/// <param name="Source">Where the figures come from (<c>measured:</c>, <c>simulated:</c>).</param>
/// <param name="AgentSeconds">When each value was read, on the agent's monotonic clock.</param>
/// <param name="Values">The values, one per time.</param>
public sealed record SensorSamples(int Window, string Sensor, string Quantity, string Unit, SourceTag Source, IReadOnlyList<double> AgentSeconds, IReadOnlyList<double> Values) : Message
{
    /// <summary>The <see cref="Window"/> of samples taken during <see cref="SampleIdle"/>.</summary>
    public const int IdleWindow = -1;
}

/// <summary>Host → agent: sample <paramref name="Sensors"/> for <paramref name="Seconds"/> while doing no work
/// (the idle power, subtracted from the windows of the same run). The agent streams
/// <see cref="SensorSamples"/> with window <see cref="SensorSamples.IdleWindow"/>, then answers <see cref="IdleResult"/>.</summary>
/// <param name="Seconds">Length of the idle window.</param>
/// <param name="Sensors">Sensor specs to sample (as announced in hello, or an I2C spec such as <c>ina219:1:0x40:0.1</c>).</param>
public sealed record SampleIdle(double Seconds, IReadOnlyList<string> Sensors) : Message;

/// <summary>Agent → host: the idle window is over.</summary>
/// <param name="StartSeconds">Its start on the agent's monotonic clock.</param>
/// <param name="StopSeconds">Its end on the agent's monotonic clock.</param>
/// <param name="Thermal">Temperature and throttle state over the window, where the board reports them.</param>
public sealed record IdleResult(double StartSeconds, double StopSeconds, ThermalState? Thermal = null) : Message;

/// <summary>One timed window of a run, as the agent saw it.</summary>
/// <param name="Repeat">Zero-based repeat index.</param>
/// <param name="StartSeconds">Start mark on the agent's monotonic clock.</param>
/// <param name="StopSeconds">Stop mark on the agent's monotonic clock.</param>
/// <param name="Tokens">Tokens run in the window (at least the request's tokens; more to fill its minimum seconds).</param>
/// <param name="CpuSeconds">Processor time the agent's process used in the window (all threads).</param>
/// <param name="Thermal">Temperature and throttle state over the window, where the board reports them.</param>
public sealed record RunWindow(int Repeat, double StartSeconds, double StopSeconds, long Tokens, double CpuSeconds, ThermalState? Thermal = null);

/// <summary>Temperature and throttling over a window. Every member is optional on the wire: an unknown
/// temperature or detail is left out, not written as null.</summary>
/// <param name="MaxCelsius">The hottest thermal zone's highest reading, when any zone is readable.</param>
/// <param name="Throttled">Whether the board throttled (or was capped, or under-volted) at any time in the window.</param>
/// <param name="Detail">What said so (<c>vcgencmd get_throttled=0x50005</c>, <c>oc1_event_cnt +2</c>), or null.</param>
public sealed record ThermalState(double? MaxCelsius = null, bool Throttled = false, string? Detail = null);
