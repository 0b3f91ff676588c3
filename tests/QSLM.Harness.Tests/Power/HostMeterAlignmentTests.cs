using QSLM.Harness.Power;
using QSLM.Sensors.Board;
using QSLM.Sensors.Sampling;
using Xunit.Abstractions;

namespace QSLM.Harness.Tests.Power;

public class HostMeterAlignmentTests(ITestOutputHelper output)
{
    private const double MeterInterval = 0.02;

    /// <summary>The agent's clock reads 4.5 s ahead of the host's and runs 150 ppm fast; each way across the network
    /// takes 0.5 to 20 ms.</summary>
    private static FakeBoardWindows Board(int seed) => new(seed)
    {
        HostBase = 1000,
        AgentBase = 1004.5,
        Drift = 150e-6,
        MinDelay = 0.0005,
        MaxDelay = 0.02,
        Models = { ["fp32.qslm"] = (4, 100), ["int8.qslm"] = (2.5, 120) },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_host_meter_is_aligned_with_the_board_s_marks_within_one_sample_period(int seed)
    {
        var board = Board(seed);
        var meter = LabMeter.OnHost("usb-meter", board.HostMeter(MeterInterval));

        var result = await new LabMeasurement(board, meter, new LabWindowRules()).MeasureAsync("fp32.qslm", "int8.qslm", seed, CancellationToken.None);

        var clock = result.Clock!;
        // The offset recovered: agent minus host at the fit's reference time, as the simulation has it.
        var trueOffset = board.AgentAt(clock.ReferenceHostSeconds - board.HostBase) - clock.ReferenceHostSeconds;
        Assert.Equal(trueOffset, clock.OffsetSeconds, 0.002);
        Assert.InRange(trueOffset, 4.5, 4.6);
        Assert.InRange(clock.DriftPpm, 110, 190);
        var worst = board.Windows.SelectMany(w => new[] { w.From, w.To }).Max(t => Math.Abs(clock.ToHost(board.AgentAt(t)) - board.HostAt(t)));
        output.WriteLine(FormattableString.Invariant(
            $"offset {clock.OffsetSeconds:F6} s (true {trueOffset:F6} s), drift {clock.DriftPpm:F1} ppm (true 150), bound {result.AlignmentErrorSeconds * 1000:F2} ms, worst mark {worst * 1000:F2} ms, sample period {MeterInterval * 1000:F0} ms"));
        // Every mark, mapped to the host's clock, lands within the stated bound of where it truly was, and the bound
        // is within one sample period of the meter.
        Assert.InRange(result.AlignmentErrorSeconds!.Value, 0, MeterInterval);
        foreach (var (from, to, _) in board.Windows)
        {
            Assert.InRange(Math.Abs(clock.ToHost(board.AgentAt(from)) - board.HostAt(from)), 0, result.AlignmentErrorSeconds.Value);
            Assert.InRange(Math.Abs(clock.ToHost(board.AgentAt(to)) - board.HostAt(to)), 0, result.AlignmentErrorSeconds.Value);
        }
        // So the meter's windows hold the work's power, not the idle time around it.
        Assert.Equal(SourceTag.Simulated("host-meter"), result.Source);
        Assert.Equal(2.0, result.IdleWatts, 0.01);
        Assert.Equal(6.0, result.Baseline.GrossWatts, 0.01);
        Assert.Equal(4.5, result.Candidate!.GrossWatts, 0.01);
        Assert.Equal(1 - (0.0375 / 0.06), result.Saving!.Value, 0.005);
        Assert.All(result.Windows, w => Assert.InRange(w.Samples, 499, 501));
    }

    [Fact]
    public async Task The_board_samples_no_sensor_when_the_meter_is_on_the_host()
    {
        var board = Board(1);

        await new LabMeasurement(board, LabMeter.OnHost("usb-meter", board.HostMeter(MeterInterval)), LabWindowRules.QuickPreset)
            .MeasureAsync("fp32.qslm", "int8.qslm", 1, CancellationToken.None);

        Assert.All(board.SensorRequests, s => Assert.Empty(s));
    }

    [Fact]
    public async Task Ignoring_the_offset_would_cut_the_meter_s_samples_in_the_wrong_place()
    {
        // The control for the alignment: the host meter's samples cut at the agent's marks read as host times fall
        // 4.5 s late, half into the idle time after the window.
        var board = Board(1);
        var recording = board.HostMeter(MeterInterval).Start();
        var window = await board.RunAsync("fp32.qslm", TimeSpan.FromSeconds(10), TimeSpan.Zero, [], CancellationToken.None);
        await board.IdleAsync(TimeSpan.FromSeconds(10), [], CancellationToken.None);
        var series = recording.Stop();

        var naive = series.MeanWatts(TimeSpan.FromSeconds(window.StartSeconds), TimeSpan.FromSeconds(window.StopSeconds));
        var sync = ClockSync.Fit(await ClockSync.BurstAsync(board, CancellationToken.None));
        var aligned = series.MeanWatts(TimeSpan.FromSeconds(sync.ToHost(window.StartSeconds)), TimeSpan.FromSeconds(sync.ToHost(window.StopSeconds)));

        Assert.Equal(6.0, aligned, 0.02);
        Assert.InRange(naive, 3.5, 4.5);
    }
}
