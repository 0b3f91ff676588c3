using Microsoft.Extensions.Time.Testing;
using QSLM.Sensors.Board.Ina219;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Board.Timing;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Tests.Timing;
using UnitsNet;

namespace QSLM.Sensors.Tests.Sampling;

public class RepeatedMeasurementTests
{
    /// <summary>A board that idles at 3 W and draws 8 W while working, completing 40 tokens per second.</summary>
    private sealed class SwitchedBoard(FakeTimeProvider clock) : IWorkload
    {
        private TimeSpan? _started;

        public FakeTimeProvider Clock => clock;

        public List<int> Started { get; } = [];

        public double Watts(TimeSpan t) => _started is { } s && t >= s ? 8.0 : 3.0;

        public void Start(int repeat)
        {
            Started.Add(repeat);
            _started = SensorClock.Now(clock);
        }

        public long Stop(int repeat)
        {
            var ran = SensorClock.Now(clock) - _started!.Value;
            _started = null;
            return (long)(ran.TotalSeconds * 40);
        }
    }

    private static (Sampler, SwitchedBoard) Bench()
    {
        var clock = FakeClocks.Create();
        var board = new SwitchedBoard(clock);
        var device = new SimulatedIna219(SimulatedLoad.FromFunction(ElectricPotential.FromVolts(5), board.Watts, "switched-board"), clock);
        var sensor = new Ina219Sensor(device, new Ina219Settings { BusAdc = Ina219Adc.Samples8, ShuntAdc = Ina219Adc.Samples8 }, clock);
        return (new Sampler(sensor, clock), board);
    }

    [Fact]
    public void Defaults_follow_MLPerf_Tiny()
    {
        var options = new MeasurementOptions();
        Assert.Equal(TimeSpan.FromSeconds(10), options.Window);
        Assert.Equal(5, options.Repeats);
        Assert.Equal(TimeSpan.FromSeconds(10), options.IdleWindow);
    }

    [Fact]
    public void Measures_idle_then_five_windows_and_reports_medians()
    {
        var (sampler, board) = Bench();
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new MeasurementOptions(), board));

        Assert.Equal([0, 1, 2, 3, 4], board.Started);
        Assert.Equal(5, report.Windows.Count);
        Assert.Equal(3.0, report.IdleWatts, 0.01);
        Assert.Equal(8.0, report.MedianWatts, 0.02);
        Assert.Equal(80.0, report.MedianJoules, 0.2);
        Assert.Equal(80.0 / 400, report.MedianJoulesPerToken, 0.0005);
        Assert.All(report.Windows, w => Assert.Equal(TimeSpan.FromSeconds(10), w.Duration));
        Assert.All(report.Windows, w => Assert.True(w.Samples > 1000));
        Assert.StartsWith("simulated:ina219-switched-board: median ", report.Summary());
        Assert.Contains("n = 5 windows of 10.0 s", report.Summary());
        Assert.DoesNotContain("invalid", report.Summary());
    }

    [Fact]
    public void Subtracts_the_idle_baseline_on_request()
    {
        var (sampler, board) = Bench();
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new MeasurementOptions { SubtractIdle = true, Repeats = 3 }, board));

        Assert.True(report.IdleSubtracted);
        Assert.Equal(5.0, report.MedianWatts, 0.03);
        Assert.Equal(50.0 / 400, report.MedianJoulesPerToken, 0.0005);
        Assert.Contains("above idle", report.Summary());
    }

    [Fact]
    public void Windows_shorter_than_10_s_are_refused()
    {
        var (sampler, board) = Bench();
        var e = Assert.Throws<ArgumentException>(() => board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new MeasurementOptions { Window = TimeSpan.FromSeconds(2) }, board)));
        Assert.Contains("at least 10 s", e.Message);
    }

    [Fact]
    public void Median_takes_the_middle_of_an_odd_count_and_the_mean_of_the_middle_two_otherwise()
    {
        Assert.Equal(3.0, EnergyReport.Median([5, 1, 3]));
        Assert.Equal(2.5, EnergyReport.Median([4, 1, 3, 2]));
        Assert.True(double.IsNaN(EnergyReport.Median([])));
    }
}
