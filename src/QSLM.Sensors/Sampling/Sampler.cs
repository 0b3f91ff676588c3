using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Timing;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// Reads a sensor on a fixed schedule at its practical maximum rate (never faster than
/// <see cref="IPowerSensor.MinimumInterval"/>), with every timestamp from one monotonic clock, the
/// same clock that stamps the start/stop marks of a measurement window.
/// </summary>
public sealed class Sampler
{
    private readonly IPowerSensor _sensor;
    private readonly TimeProvider _clock;

    /// <summary>Samples <paramref name="sensor"/> every <paramref name="interval"/>, or as fast as it converts when null or shorter.</summary>
    public Sampler(IPowerSensor sensor, TimeProvider clock, TimeSpan? interval = null)
    {
        _sensor = sensor;
        _clock = clock;
        Interval = interval is { } i && i > sensor.MinimumInterval ? i : sensor.MinimumInterval;
        if (Interval <= TimeSpan.Zero) throw new InputException($"sensor {sensor.Id} gives no minimum interval and none was asked");
    }

    /// <summary>Time between scheduled readings.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Readings per second the schedule asks for.</summary>
    public double RequestedRate => 1 / Interval.TotalSeconds;

    /// <summary>The source of every reading.</summary>
    public SourceTag Source => _sensor.Source;

    /// <summary>The sampling clock's time now: use it to stamp start/stop marks.</summary>
    public TimeSpan Now => SensorClock.Now(_clock);

    /// <summary>Waits <paramref name="duration"/> on the sampling clock without reading (a warm-up, a cool-down).</summary>
    public Task WaitAsync(TimeSpan duration, CancellationToken cancel = default) => SensorClock.WaitAsync(_clock, duration, cancel);

    /// <summary>Samples for <paramref name="duration"/> from now, blocking: for a clock whose timers fire by themselves
    /// (the system clock).</summary>
    public SampleSeries Collect(TimeSpan duration, CancellationToken cancel = default) => CollectAsync(duration, cancel).GetAwaiter().GetResult();

    /// <summary>Samples for <paramref name="duration"/> from now; the series spans at least that long.</summary>
    public async Task<SampleSeries> CollectAsync(TimeSpan duration, CancellationToken cancel = default)
    {
        var readings = new List<PowerReading>();
        var start = Now;
        var end = start + duration;
        var next = start;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            readings.Add(await ReadOnceAsync(cancel).ConfigureAwait(false));
            var now = Now;
            if (now >= end) break;
            next += Interval;
            // A reading that ran late does not make the schedule catch up with a burst.
            if (next < now) next = now;
            await SensorClock.WaitAsync(_clock, next - now, cancel).ConfigureAwait(false);
        }
        return new SampleSeries(_sensor.Source, readings);
    }

    /// <summary>Consecutive failed reads after which sampling gives up: a bus glitch is a sample, a dead sensor is an error.</summary>
    public const int MaxConsecutiveFailures = 50;

    private int _failures;

    /// <summary>One reading; an I/O error (a glitch on the I2C bus, a sysfs file gone for a moment) becomes an invalid sample.</summary>
    internal async ValueTask<PowerReading> ReadOnceAsync(CancellationToken cancel)
    {
        try
        {
            var reading = await _sensor.ReadAsync(cancel).ConfigureAwait(false);
            _failures = 0;
            return reading;
        }
        catch (IOException e)
        {
            if (++_failures >= MaxConsecutiveFailures)
                throw new IOException($"{_sensor.Id} failed {_failures} reads in a row; the last: {e.Message}", e);
            return PowerReading.Invalid(Now, _sensor.Source, "read failed: " + e.Message);
        }
    }

    /// <summary>Samples on a background thread until <see cref="BackgroundSampling.Stop"/>; marks are taken on this sampler's
    /// clock, and the thread waits between readings through it.</summary>
    public BackgroundSampling StartBackground() => new(this, _sensor, _clock);
}
