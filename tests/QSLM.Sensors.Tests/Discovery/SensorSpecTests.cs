using QSLM.Errors;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Simulation;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Discovery;

public class SensorSpecTests
{
    [Fact]
    public void Simulated_opens_the_default_board_tagged_simulated()
    {
        var clock = FakeClocks.Create();
        var board = new SimulatedBoard();
        using var sensor = SensorSpec.Open("simulated", clock, board);
        var idle = sensor.Read(clock);
        board.Busy = true;
        clock.Advance(TimeSpan.FromMilliseconds(5));
        var busy = sensor.Read(clock);

        Assert.Equal("simulated:ina219-default-board", idle.Source.ToString());
        Assert.Equal(board.IdleWatts, (double)idle.Power.Watts, 0.05);
        Assert.Equal(board.BusyWatts, (double)busy.Power.Watts, 0.08);
        Assert.StartsWith("sim-", sensor.Id);
    }

    [Theory]
    [InlineData("ina3221", "unknown sensor")]
    [InlineData("ina219:1", "unknown sensor")]
    [InlineData("ina219:one:0x40", "is not a whole number")]
    [InlineData("ina219:1:0x4G", "is not a whole number")]
    [InlineData("ina219:1:0x40:-0.1", "is not a positive number")]
    [InlineData("hwmon:ina226", "unknown sensor")]
    [InlineData("simulated:fast", "unknown sensor")]
    public void Bad_specs_are_refused_with_the_reason(string spec, string message) =>
        Assert.Contains(message, Assert.Throws<InputException>(() => SensorSpec.Open(spec, FakeClocks.Create())).Message);
}
