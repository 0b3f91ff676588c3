using QSLM.Harness.Power;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Timing;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Power;

public class SamplerHostMeterTests
{
    private sealed class ConstantSensor : IPowerSensor
    {
        public string Id => "constant";

        public SourceTag Source => SourceTag.Simulated("constant");

        public TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(5);

        public ValueTask<PowerReading> ReadAsync(CancellationToken cancel = default) =>
            ValueTask.FromResult(new PowerReading { Timestamp = SensorClock.Now(TimeProvider.System), Power = UnitsNet.Power.FromWatts(3), Source = Source });

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_recording_holds_the_samples_taken_between_start_and_stop_on_the_sampler_s_clock()
    {
        using var sensor = new ConstantSensor();
        var meter = new SamplerHostMeter(new Sampler(sensor, TimeProvider.System));
        var before = SensorClock.Now(TimeProvider.System);

        using var recording = meter.Start();
        while (SensorClock.Now(TimeProvider.System) - before < TimeSpan.FromMilliseconds(100)) await Task.Delay(10);
        var series = recording.Stop();

        Assert.Equal(SourceTag.Simulated("constant"), meter.Source);
        Assert.Equal(TimeSpan.FromMilliseconds(5), meter.Interval);
        Assert.NotEmpty(series.Readings);
        Assert.All(series.Readings, r => Assert.True(r.Timestamp >= before && r.Timestamp <= SensorClock.Now(TimeProvider.System)));
    }
}
