using QSLM.Agent.Sampling;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Timing;
using UnitsNet;

namespace QSLM.Agent.Tests.Sampling;

/// <summary>The sampler keeps every reading and hands them on in chunks of the protocol's limit, so it never holds more than one.</summary>
public sealed class SensorSamplerTests
{
    [Fact]
    public void Every_reading_is_sent_in_full_chunks_as_they_fill_and_the_rest_at_the_stop()
    {
        using var sensor = new CountingSensor();
        var sent = new List<SensorSamples>();
        using var enough = new ManualResetEventSlim();
        var sampler = SensorSampler.Start("counting", sensor, window: 3, chunk =>
        {
            lock (sent) sent.Add(chunk);
            if (sent.Count == 2) enough.Set();
            return Task.CompletedTask;
        });
        enough.Wait();
        var rest = sampler.Stop(double.MaxValue);

        List<SensorSamples> all = [.. sent, .. rest is null ? [] : new[] { rest }];
        Assert.All(sent, c => Assert.Equal(ProtocolLimits.MaxSamplesPerMessage, c.Values.Count));
        Assert.True(rest is null || rest.Values.Count < ProtocolLimits.MaxSamplesPerMessage);
        Assert.All(all, c => Assert.Equal((3, "counting", "power", "W", "simulated:counter"), (c.Window, c.Sensor, c.Quantity, c.Unit, c.Source.ToString())));
        // Readings 1, 2, 3, ... in order, none lost between chunks, each stamped with its reading's time.
        var values = all.SelectMany(c => c.Values).ToList();
        Assert.Equal(Enumerable.Range(1, values.Count).Select(i => (double)i), values);
        Assert.Equal(sensor.Reads, values.Count);
        var times = all.SelectMany(c => c.AgentSeconds).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void Readings_after_the_stop_are_not_part_of_the_window_and_invalid_readings_are_left_out()
    {
        using var sensor = new CountingSensor { InvalidEvery = 2 };
        var sampler = SensorSampler.Start("counting", sensor, window: 0, _ => Task.CompletedTask);
        while (sensor.Reads < 10) Thread.Yield();
        var stop = AgentClock.Seconds;
        while (sensor.Reads < 14) Thread.Yield();
        var rest = sampler.Stop(stop);

        Assert.NotNull(rest);
        Assert.All(rest.AgentSeconds, t => Assert.True(t <= stop));
        Assert.All(rest.Values, v => Assert.Equal(1, v % 2)); // the even readings were invalid
    }

    /// <summary>Reads 1, 2, 3, ... watts as fast as asked (no minimum interval).</summary>
    private sealed class CountingSensor : IPowerSensor
    {
        private int _reads;

        public int InvalidEvery { get; init; }

        public int Reads => Volatile.Read(ref _reads);

        public string Id => "counter";

        public SourceTag Source { get; } = SourceTag.Simulated("counter");

        public TimeSpan MinimumInterval => TimeSpan.Zero;

        public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default)
        {
            var n = Interlocked.Increment(ref _reads);
            var now = SensorClock.Now(TimeProvider.System);
            return ValueTask.FromResult(InvalidEvery > 0 && n % InvalidEvery == 0
                ? PowerReading.Invalid(now, Source, "test")
                : new PowerReading { Timestamp = now, Power = Power.FromWatts(n), Source = Source });
        }

        public void Dispose()
        {
        }
    }
}
