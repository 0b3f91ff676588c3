using QSLM.Sensors.Sampling;
using QSLM.Sensors.Simulation;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Sampling;

public class ProcessWorkloadTests
{
    [Fact]
    public void A_command_runs_in_each_window_and_is_killed_when_it_closes()
    {
        var clock = FakeClocks.Create();
        var board = new SimulatedBoard();
        using var sensor = board.CreateSensor(clock);
        var running = new List<bool>();
        var workload = new ProcessWorkload("sleep", ["600"], busy =>
        {
            running.Add(busy);
            board.Busy = busy;
        });

        var report = clock.Run(() => RepeatedMeasurement.RunAsync(new Sampler(sensor, clock), new LabWindowRules { Repeats = 3 }, workload));

        Assert.Equal([true, false, true, false, true, false], running);
        Assert.Equal(0, workload.EndedEarly);
        Assert.Equal(board.IdleWatts, report.IdleWatts, 0.05);
        Assert.Equal(board.BusyWatts, report.MedianWatts, 0.08);
        Assert.DoesNotContain("mJ/token", report.Summary());
    }

    [Fact]
    public void A_command_that_ends_inside_the_window_is_counted_with_its_exit_code()
    {
        var workload = new ProcessWorkload("sh", ["-c", "exit 3"]);
        workload.Start(0);
        Assert.True(workload.WaitForExit(TimeSpan.FromMinutes(1)));
        workload.Stop(0);

        Assert.Equal(1, workload.EndedEarly);
        Assert.Equal([3], workload.ExitCodes);
    }
}
