using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Agent.Sampling;

/// <summary>
/// Samples one sensor on a thread of its own at the sensor's own rate (<see cref="IPowerSensor.MinimumInterval"/>),
/// every reading kept, stamped on the <see cref="AgentClock"/>. Readings are due on a fixed grid from the first, so the
/// count over a window is its length times the rate; a sampler that falls behind (starved of processor time) reads at
/// once until it is back on the grid, and the host's trapezoidal integral gives readings of one moment no weight. Memory is bounded: a chunk of
/// <see cref="ProtocolLimits.MaxSamplesPerMessage"/> samples is handed to <c>send</c> as soon as it fills.
/// </summary>
internal sealed class SensorSampler
{
    private readonly string _spec;
    private readonly IPowerSensor _sensor;
    private readonly int _window;
    private readonly Func<SensorSamples, Task> _send;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private List<double> _times = new(ProtocolLimits.MaxSamplesPerMessage);
    private List<double> _values = new(ProtocolLimits.MaxSamplesPerMessage);
    private Exception? _failure;

    private SensorSampler(string spec, IPowerSensor sensor, int window, Func<SensorSamples, Task> send)
    {
        _spec = spec;
        _sensor = sensor;
        _window = window;
        _send = send;
        _thread = new Thread(Loop) { IsBackground = true, Name = "sampler " + spec };
    }

    /// <summary>Samples taken so far, sent or not.</summary>
    public long Count { get; private set; }

    /// <summary>Starts sampling <paramref name="sensor"/> (opened from <paramref name="spec"/>) for window <paramref name="window"/>.</summary>
    public static SensorSampler Start(string spec, IPowerSensor sensor, int window, Func<SensorSamples, Task> send)
    {
        var sampler = new SensorSampler(spec, sensor, window, send);
        sampler._thread.Start();
        return sampler;
    }

    /// <summary>Stops sampling and returns the samples not yet sent that were taken by <paramref name="stopSeconds"/>
    /// (null when none); throws what stopped the sampler early, if anything did.</summary>
    public SensorSamples? Stop(double stopSeconds)
    {
        Halt();
        if (_failure is { } failure) throw new IOException($"sensor '{_spec}' failed while sampling: {failure.Message}", failure);
        var keep = _times.FindLastIndex(t => t <= stopSeconds) + 1;
        return keep == 0 ? null : Chunk(_times[..keep], _values[..keep]);
    }

    /// <summary>Stops the thread; what it holds is dropped. Safe to call more than once.</summary>
    public void Halt()
    {
        _stop.Set();
        _thread.Join();
    }

    private void Loop()
    {
        try
        {
            var interval = _sensor.MinimumInterval > TimeSpan.Zero ? _sensor.MinimumInterval.TotalSeconds : 1e-3;
            var due = AgentClock.Seconds;
            while (!_stop.IsSet)
            {
                var pending = _sensor.ReadAsync();
                var reading = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                // An invalid reading (an overflow, a timed-out conversion) has no figure to send; the host sees the gap.
                if (reading.IsValid) Add(AgentClock.ToSeconds(reading.Timestamp), (double)reading.Power.Watts);
                due += interval;
                var now = AgentClock.Seconds;
                if (due > now) _stop.Wait(TimeSpan.FromSeconds(due - now));
            }
        }
        catch (Exception e)
        {
            // Reported by Stop on the run's thread: an exception left on this thread would end the agent.
            _failure = e;
        }
    }

    private void Add(double seconds, double watts)
    {
        _times.Add(seconds);
        _values.Add(watts);
        Count++;
        if (_times.Count < ProtocolLimits.MaxSamplesPerMessage) return;
        var chunk = Chunk(_times, _values);
        _times = new List<double>(ProtocolLimits.MaxSamplesPerMessage);
        _values = new List<double>(ProtocolLimits.MaxSamplesPerMessage);
        _send(chunk).GetAwaiter().GetResult();
    }

    private SensorSamples Chunk(List<double> times, List<double> values) =>
        new(_window, _spec, "power", "W", _sensor.Source, [.. times], [.. values]);
}
