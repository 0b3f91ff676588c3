using QSLM.Errors;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Simulation;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Calibration;

public class CalibrationWalkthroughTests
{
    [Fact]
    public void Walks_through_two_points_with_redirected_input_and_the_record_then_corrects_readings()
    {
        var clock = FakeClocks.Create();
        var board = new SimulatedBoard();
        using var sensor = board.CreateSensor(clock);
        // Low load 0.2 A, high load 2 A at 5.1 V; the "reference" reads 1.5% more than the simulated truth,
        // and the user mistypes the first answer once.
        var input = new StringReader("\n0,203\n0.203\n\n2.030 A\n");
        var output = new StringWriter();

        var record = clock.Run(() => CalibrationWalkthrough.RunAsync(sensor, CalibrationQuantity.Current, "test reference", input, output,
            beforePoint: i => board.SetWatts(i == 0 ? 0.2 * 5.1 : 2.0 * 5.1), date: new DateOnly(2026, 11, 27), shuntOhms: 0.1));

        Assert.Equal(sensor.Id, record.SensorId);
        Assert.Equal(1.015, record.Gain, 0.003);
        Assert.Equal(0, record.Offset, 0.002);
        Assert.Equal([0.203, 2.030], record.Points.Select(p => p.Reference));
        var text = output.ToString();
        Assert.Contains("Point 1 of 2", text);
        Assert.Contains("Point 2 of 2", text);
        Assert.Contains("'0,203' is not a number", text);

        using var tmp = new TemporaryFolder();
        CalibrationStore.Save(tmp.Path, record);
        board.SetWatts(1.0 * 5.1);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        using var calibrated = CalibrationStore.Load(tmp.Path).Apply(sensor);
        Assert.Equal(1.015, calibrated.Read(clock).Current!.Value.Amperes, 0.02);
    }

    [Fact]
    public void Input_that_ends_early_is_an_error_not_a_record()
    {
        var clock = FakeClocks.Create();
        using var sensor = new SimulatedBoard().CreateSensor(clock);
        Assert.Throws<InvalidOperationException>(() => clock.Run(() => CalibrationWalkthrough.RunAsync(sensor, CalibrationQuantity.Current, "ref", new StringReader("\n0.2\n"), TextWriter.Null)));
    }

    [Fact]
    public void Two_points_at_the_same_load_are_refused()
    {
        var clock = FakeClocks.Create();
        using var sensor = new SimulatedBoard().CreateSensor(clock);
        var e = Assert.Throws<InputException>(() => clock.Run(() => CalibrationWalkthrough.RunAsync(sensor, CalibrationQuantity.Power, "ref", new StringReader("\n2.7\n\n2.7\n"), TextWriter.Null)));
        Assert.Contains("two clearly different loads", e.Message);
        Assert.Throws<InputException>(() => TwoPointCalibration.Fit(new CalibrationPoint(1.0, 1), new CalibrationPoint(1.05, 2)));
    }
}
