namespace QSLM.Sensors.Board;

/// <summary>
/// A power source the sampler can read: a real sensor, a simulated device, or a streamed log.
/// Implementations stamp each reading with the monotonic time of their injected
/// <see cref="TimeProvider"/>.
/// </summary>
public interface IPowerSensor : IDisposable
{
    /// <summary>Stable id of this sensor (the calibration records are keyed by it).</summary>
    string Id { get; }

    /// <summary>The tag every reading carries.</summary>
    SourceTag Source { get; }

    /// <summary>The shortest useful time between readings: the conversion time of an ADC, the update
    /// period of a driver. The sampler does not ask more often.</summary>
    TimeSpan MinimumInterval { get; }

    /// <summary>Takes one reading; waits for a fresh conversion, through the injected clock, where the source signals
    /// one. Completes synchronously for a source that has nothing to wait for.</summary>
    ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default);
}
