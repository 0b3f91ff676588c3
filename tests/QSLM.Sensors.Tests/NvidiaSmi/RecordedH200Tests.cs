using QSLM.Sensors.Board;
using QSLM.Sensors.Board.NvidiaSmi;
using QSLM.Sensors.Tests.Recordings;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.NvidiaSmi;

/// <summary>The parser and the streaming sensor on nvidia-smi's real output (Recordings/README.md).</summary>
public class RecordedH200Tests
{
    private static List<double> Watts(string name)
    {
        var log = NvidiaSmiParser.ParseLog(Recording.Lines(name));
        Assert.Empty(log.Skipped);
        return [.. log.Items.Select(s => s.Watts!.Value)];
    }

    [Fact]
    public void Every_line_of_the_real_stream_parses_with_both_fields()
    {
        foreach (var name in new[] { "nvidia-smi-h200-idle.csv", "nvidia-smi-h200-load.csv" })
        {
            var log = NvidiaSmiParser.ParseLog(Recording.Lines(name));
            Assert.Empty(log.Skipped);
            Assert.True(log.Items.Count > 250, $"{name}: {log.Items.Count} samples");
            Assert.All(log.Items, s => Assert.NotNull(s.DrawWatts));
            Assert.All(log.Items, s => Assert.NotNull(s.InstantWatts));
        }
    }

    [Fact]
    public void Idle_and_full_load_readings_lie_where_an_H200_draws()
    {
        var idle = Watts("nvidia-smi-h200-idle.csv");
        var load = Watts("nvidia-smi-h200-load.csv");
        Assert.InRange(idle.Average(), 60, 120);
        // A 700 W card under dense bf16 products: close to its limit, instantaneous peaks a little above.
        Assert.InRange(load.Average(), 600, 760);
        Assert.True(load.Min() > idle.Max());
    }

    [Fact]
    public void The_streaming_sensor_reads_the_recording_as_measured_samples()
    {
        var clock = FakeClocks.Create();
        using var sensor = new NvidiaSmiSensor(new StreamReader(Recording.PathOf("nvidia-smi-h200-load.csv")), clock, TimeSpan.FromMilliseconds(10));
        var readings = new List<PowerReading>();
        for (var reading = sensor.Read(); reading.IsValid; reading = sensor.Read())
        {
            readings.Add(reading);
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        Assert.Equal(Watts("nvidia-smi-h200-load.csv").Count, readings.Count);
        Assert.All(readings, r => Assert.Equal("measured:nvidia-smi-gpu0", r.Source.ToString()));
        Assert.Equal(0, sensor.Skipped);
    }
}
