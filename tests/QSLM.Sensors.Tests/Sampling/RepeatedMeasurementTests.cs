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

        public List<TimeSpan> Opened { get; } = [];

        public void Start(int repeat)
        {
            Started.Add(repeat);
            _started = SensorClock.Now(clock);
        }

        public void WindowOpened(int repeat)
        {
            Opened.Add(SensorClock.Now(clock) - _started!.Value);
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
        var options = new LabWindowRules();
        Assert.Equal(TimeSpan.FromSeconds(10), options.Window);
        Assert.Equal(5, options.Repeats);
        Assert.Equal(TimeSpan.FromSeconds(10), options.IdleWindow);
        Assert.False(options.Quick);
        Assert.True(options.Warmup > TimeSpan.Zero);
        Assert.True(options.CooldownPause > TimeSpan.Zero);
        Assert.True(options.RepeatThrottled);
    }

    [Fact]
    public void The_idle_window_is_as_long_as_the_windows_unless_set()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), new LabWindowRules { Window = TimeSpan.FromSeconds(20) }.IdleWindow);
        Assert.Equal(TimeSpan.FromSeconds(12), new LabWindowRules { Window = TimeSpan.FromSeconds(20), IdleWindow = TimeSpan.FromSeconds(12) }.IdleWindow);
    }

    [Fact]
    public void Quick_rules_allow_short_windows_and_full_rules_refuse_them()
    {
        var quick = LabWindowRules.QuickPreset;
        quick.Validate();
        Assert.True(quick.Quick);
        Assert.True(quick.Window < LabWindowRules.MinimumWindow);
        Assert.True(quick.Repeats < new LabWindowRules().Repeats);

        var e = Assert.Throws<ArgumentException>(() => (quick with { Quick = false }).Validate());
        Assert.Contains("at least 10 s", e.Message);
        Assert.Throws<ArgumentException>(() => new LabWindowRules { CooldownPause = TimeSpan.FromSeconds(5), CooldownCap = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Throws<ArgumentException>(() => new LabWindowRules { Warmup = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Throws<ArgumentException>(() => (quick with { Window = TimeSpan.Zero }).Validate());
    }

    [Fact]
    public void The_warm_up_is_discarded_and_windows_are_parted_by_the_cool_down()
    {
        var (sampler, board) = Bench();
        var rules = new LabWindowRules { Repeats = 3, Warmup = TimeSpan.FromSeconds(4), CooldownPause = TimeSpan.FromSeconds(6) };
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, rules, board));

        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)], board.Opened);
        Assert.All(report.Windows, w => Assert.Equal(400, w.Tokens));
        // Each window starts after the previous one's stop (and its last reading), the cool-down and the next warm-up.
        var gap = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) + sampler.Interval);
        Assert.InRange(report.Windows[1].Start - report.Windows[0].Stop, gap.Item1, gap.Item2);
        Assert.InRange(report.Windows[2].Start - report.Windows[1].Stop, gap.Item1, gap.Item2);
        Assert.Contains("warm-up 4.0 s discarded, cool-down 6.0 s", report.Summary());
    }

    [Fact]
    public void Gross_and_net_are_both_reported_whichever_the_windows_show()
    {
        var (sampler, board) = Bench();
        var gross = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new LabWindowRules { Repeats = 2 }, board));
        var (netSampler, netBoard) = Bench();
        var net = netBoard.Clock.Run(() => RepeatedMeasurement.RunAsync(netSampler, new LabWindowRules { Repeats = 2, SubtractIdle = true }, netBoard));

        foreach (var report in new[] { gross, net })
        {
            Assert.Equal(8.0, report.MedianGrossWatts, 0.03);
            Assert.Equal(5.0, report.MedianNetWatts, 0.03);
            Assert.Matches(@"gross (7\.9|8\.0)\d\d W, net (4\.9|5\.0)\d\d W", report.Summary());
        }
    }

    [Fact]
    public void Quick_rules_are_named_in_the_summary()
    {
        var (sampler, board) = Bench();
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, LabWindowRules.QuickPreset, board));

        Assert.True(report.Quick);
        Assert.Equal(3, report.Windows.Count);
        Assert.All(report.Windows, w => Assert.Equal(TimeSpan.FromSeconds(1), w.Duration));
        Assert.Contains("quick mode", report.Summary());
        var (fullSampler, fullBoard) = Bench();
        Assert.DoesNotContain("quick", fullBoard.Clock.Run(() => RepeatedMeasurement.RunAsync(fullSampler, new LabWindowRules { Repeats = 1 }, fullBoard)).Summary());
    }

    [Fact]
    public void Measures_idle_then_five_windows_and_reports_medians()
    {
        var (sampler, board) = Bench();
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new LabWindowRules(), board));

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
        var report = board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new LabWindowRules { SubtractIdle = true, Repeats = 3 }, board));

        Assert.True(report.IdleSubtracted);
        Assert.Equal(5.0, report.MedianWatts, 0.03);
        Assert.Equal(50.0 / 400, report.MedianJoulesPerToken, 0.0005);
        Assert.Contains("above idle", report.Summary());
    }

    [Fact]
    public void Windows_shorter_than_10_s_are_refused()
    {
        var (sampler, board) = Bench();
        var e = Assert.Throws<ArgumentException>(() => board.Clock.Run(() => RepeatedMeasurement.RunAsync(sampler, new LabWindowRules { Window = TimeSpan.FromSeconds(2) }, board)));
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
