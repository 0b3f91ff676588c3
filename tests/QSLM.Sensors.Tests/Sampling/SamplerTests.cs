using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Tests.Simulation;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Sampling;

public class SamplerTests
{
    public static TheoryData<Ina219Adc> AdcSettings() => [Ina219Adc.Bits9, Ina219Adc.Bits12, Ina219Adc.Samples4, Ina219Adc.Samples128];

    [Theory]
    [MemberData(nameof(AdcSettings))]
    public void Reaches_at_least_90_percent_of_the_requested_rate_on_the_simulated_INA219(Ina219Adc adc)
    {
        var clock = FakeClocks.Create();
        var device = new SimulatedIna219(SimulatedLoad.Constant(ElectricPotential.FromVolts(5), ElectricCurrent.FromAmperes(1)), clock);
        using var sensor = new Ina219Sensor(device, new Ina219Settings { BusAdc = adc, ShuntAdc = adc }, clock);
        var sampler = new Sampler(sensor, clock);
        Assert.Equal(sensor.MinimumInterval, sampler.Interval);

        var duration = TimeSpan.FromSeconds(10);
        var series = clock.Run(() => sampler.CollectAsync(duration));

        var requested = duration.TotalSeconds * sampler.RequestedRate;
        Assert.True(series.Readings.Count >= 0.9 * requested, $"{series.Readings.Count} samples, {requested:F0} requested");
        Assert.Equal(0, series.InvalidCount);
    }

    [Fact]
    public void Never_asks_faster_than_the_sensor_converts()
    {
        var clock = FakeClocks.Create();
        var sensor = new TraceSensor(PiecewiseLinearTrace.Constant(1), clock, TimeSpan.FromMilliseconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(5), new Sampler(sensor, clock, TimeSpan.FromMilliseconds(1)).Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(20), new Sampler(sensor, clock, TimeSpan.FromMilliseconds(20)).Interval);
    }

    [Fact]
    public void Timestamps_are_monotonic_and_cover_the_duration()
    {
        var clock = FakeClocks.Create();
        var sampler = new Sampler(new TraceSensor(PiecewiseLinearTrace.Constant(1), clock, TimeSpan.FromMilliseconds(7)), clock);
        var start = sampler.Now;
        var series = clock.Run(() => sampler.CollectAsync(TimeSpan.FromSeconds(1)));

        for (var i = 1; i < series.Readings.Count; i++) Assert.True(series.Readings[i].Timestamp > series.Readings[i - 1].Timestamp);
        Assert.True(series.Readings[^1].Timestamp >= start + TimeSpan.FromSeconds(1));
        Assert.Equal(144, series.Readings.Count); // 0, 7, ..., 1001 ms
    }

    /// <summary>A sensor whose reads fail with an I/O error when <see cref="Fails"/> says so.</summary>
    private sealed class GlitchySensor(FakeTimeProvider clock, Func<int, bool> fails) : IPowerSensor
    {
        private readonly TraceSensor _inner = new(PiecewiseLinearTrace.Constant(3), clock, TimeSpan.FromMilliseconds(10));
        private int _reads;

        public string Id => "glitchy";

        public SourceTag Source => _inner.Source;

        public TimeSpan MinimumInterval => _inner.MinimumInterval;

        public Func<int, bool> Fails { get; } = fails;

        public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) => Fails(_reads++) ? throw new IOException("Error 121 (Remote I/O error)") : _inner.ReadAsync(cancel);

        public void Dispose()
        {
        }
    }

    [Fact]
    public void A_bus_glitch_is_an_invalid_sample_and_a_dead_sensor_an_error()
    {
        var clock = FakeClocks.Create();
        var series = clock.Run(() => new Sampler(new GlitchySensor(clock, i => i % 3 == 1), clock).CollectAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(34, series.InvalidCount);
        Assert.All(series.Readings.Where(r => !r.IsValid), r => Assert.Contains("Remote I/O error", r.Problem));
        Assert.Equal(3.0, series.MeanWatts(TimeSpan.Zero, TimeSpan.FromSeconds(1)), 12);

        var dead = new Sampler(new GlitchySensor(clock, _ => true), clock);
        Assert.Contains("failed 50 reads in a row", Assert.Throws<IOException>(() => clock.Run(() => dead.CollectAsync(TimeSpan.FromSeconds(10)))).Message);
    }

    [Fact]
    public void Background_sampling_collects_until_stopped_on_the_real_clock()
    {
        var sampler = new Sampler(new TraceSensor(PiecewiseLinearTrace.Constant(2.5), TimeProvider.System, TimeSpan.FromMilliseconds(1)), TimeProvider.System);
        using var sampling = sampler.StartBackground();
        var start = sampling.Mark();
        // A guard, not a timing threshold: a sampler thread that died must fail the test, not hang it.
        var guard = DateTime.UtcNow.AddMinutes(1);
        while (sampling.Count < 20 && DateTime.UtcNow < guard) Thread.Sleep(1);
        var stop = sampling.Mark();
        var series = sampling.Stop();

        Assert.True(series.Readings.Count >= 20);
        for (var i = 1; i < series.Readings.Count; i++) Assert.True(series.Readings[i].Timestamp >= series.Readings[i - 1].Timestamp);
        Assert.Equal(2.5, series.MeanWatts(start, stop), 9);
    }
}
