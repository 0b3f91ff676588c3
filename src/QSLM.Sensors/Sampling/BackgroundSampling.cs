using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Timing;
namespace QSLM.Sensors.Sampling;

/// <summary>
/// Sampling that runs while the work runs elsewhere (the agent on the board): the host takes
/// <see cref="Mark"/> when the agent acknowledges its start and stop, and cuts the window between
/// the two marks out of the series afterwards.
/// </summary>
public sealed class BackgroundSampling : IDisposable
{
    private readonly Sampler _sampler;
    private readonly IPowerSensor _sensor;
    private readonly List<PowerReading> _readings = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _clock;
    private readonly Thread _thread;
    private Exception? _failure;

    internal BackgroundSampling(Sampler sampler, IPowerSensor sensor, TimeProvider clock)
    {
        _sampler = sampler;
        _sensor = sensor;
        _clock = clock;
        _thread = new Thread(Loop) { IsBackground = true, Name = "qslm-sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Readings taken so far.</summary>
    public int Count
    {
        get
        {
            lock (_readings) return _readings.Count;
        }
    }

    /// <summary>The sampling clock's time now.</summary>
    public TimeSpan Mark() => _sampler.Now;

    /// <summary>Stops sampling and returns everything read.</summary>
    public SampleSeries Stop()
    {
        _stop.Cancel();
        _thread.Join();
        if (_failure is not null) throw new InvalidOperationException($"sampling {_sensor.Id} failed: {_failure.Message}", _failure);
        lock (_readings) return new SampleSeries(_sensor.Source, [.. _readings]);
    }

    private void Loop()
    {
        try
        {
            var next = _sampler.Now;
            while (!_stop.IsCancellationRequested)
            {
                var reading = _sampler.ReadOnceAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
                lock (_readings) _readings.Add(reading);
                var now = _sampler.Now;
                next += _sampler.Interval;
                if (next < now) next = now;
                SensorClock.WaitAsync(_clock, next - now, _stop.Token).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while reading or waiting: the readings so far are the series.
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
