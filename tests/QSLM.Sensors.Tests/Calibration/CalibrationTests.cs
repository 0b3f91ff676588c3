using QSLM.Errors;
using QSLM.Sensors.Board;
using QSLM.Sensors.Board.Simulation;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Tests.Ina219;
using QSLM.Sensors.Tests.Simulation;
using QSLM.Sensors.Tests.Timing;

namespace QSLM.Sensors.Tests.Calibration;

public class CalibrationTests
{
    private static CalibrationRecord Record(string id, double gain = 1.02, double offset = -0.01, CalibrationQuantity quantity = CalibrationQuantity.Current) => new()
    {
        SensorId = id,
        Quantity = quantity,
        Gain = gain,
        Offset = offset,
        ReferenceInstrument = "test reference",
        Date = new DateOnly(2026, 11, 27),
    };

    [Fact]
    public void Two_points_give_the_line_through_them()
    {
        var (gain, offset) = TwoPointCalibration.Fit(new CalibrationPoint(0.2, 0.21), new CalibrationPoint(2.0, 2.04));
        Assert.Equal(1.83 / 1.8, gain, 12);
        Assert.Equal(0.21 - (gain * 0.2), offset, 12);
        Assert.Throws<InputException>(() => TwoPointCalibration.Fit(new CalibrationPoint(1, 1), new CalibrationPoint(1, 2)));
    }

    [Fact]
    public void The_repository_records_load_and_the_example_is_consistent()
    {
        var store = CalibrationStore.Load(Path.Combine(RepositoryFiles.Root, "calibration"));
        var example = store.Find("example-ina219")!;
        Assert.Equal(CalibrationQuantity.Current, example.Quantity);
        Assert.Equal(0.1, example.ShuntOhms);
        Assert.Equal(2, example.Points.Count);
        Assert.Equal("example-ina219@2026-11-27", example.Label);
    }

    [Fact]
    public void A_record_is_applied_by_sensor_id_and_named_on_each_reading()
    {
        using var tmp = new TemporaryFolder();
        using var bench = SimulatedBench.Constant(volts: 12, amperes: 1.0);
        CalibrationStore.Save(tmp.Path, Record(bench.Sensor.Id, gain: 1.02, offset: -0.01));
        var store = CalibrationStore.Load(tmp.Path);

        using var calibrated = store.Apply(bench.Sensor);
        var reading = calibrated.Read(bench.Clock);

        Assert.IsType<CalibratedSensor>(calibrated);
        Assert.Equal($"{bench.Sensor.Id}@2026-11-27", reading.Calibration);
        Assert.Equal((1.02 * 1.0) - 0.01, reading.Current!.Value.Amperes, 3);
        Assert.Equal(12 * ((1.02 * 1.0) - 0.01), (double)reading.Power.Watts, 2);
        Assert.Equal(SourceKind.Simulated, reading.Source.Kind);
    }

    [Fact]
    public void A_sensor_without_a_record_is_left_alone()
    {
        using var tmp = new TemporaryFolder();
        CalibrationStore.Save(tmp.Path, Record("ina219-1-0x41"));
        using var bench = SimulatedBench.Constant(12, 1);

        Assert.Same(bench.Sensor, CalibrationStore.Load(tmp.Path).Apply(bench.Sensor));
        Assert.Null(bench.Sensor.Read(bench.Clock).Calibration);
    }

    [Fact]
    public void A_power_record_corrects_power_only_sources()
    {
        var clock = FakeClocks.Create();
        var sensor = new TraceSensor(PiecewiseLinearTrace.Constant(10), clock, TimeSpan.FromMilliseconds(1), "rail");
        var reading = new CalibratedSensor(sensor, Record(sensor.Id, 0.98, 0.05, CalibrationQuantity.Power)).Read();
        Assert.Equal((0.98 * 10) + 0.05, (double)reading.Power.Watts, 9);
    }

    [Fact]
    public void A_current_record_on_a_source_without_current_marks_the_reading_invalid()
    {
        var clock = FakeClocks.Create();
        var sensor = new TraceSensor(PiecewiseLinearTrace.Constant(10), clock, TimeSpan.FromMilliseconds(1), "rail");
        var reading = new CalibratedSensor(sensor, Record(sensor.Id)).Read();
        Assert.False(reading.IsValid);
        Assert.Contains("reports no current", reading.Problem);
    }

    [Fact]
    public void Records_whose_points_disagree_with_their_gain_are_refused()
    {
        using var tmp = new TemporaryFolder();
        Directory.CreateDirectory(tmp.File("sensors"));
        File.WriteAllText(tmp.File("sensors/bad.json"), """
            { "sensorId": "x", "gain": 1.5, "offset": 0, "referenceInstrument": "r", "date": "2026-11-27",
              "points": [ { "measured": 1, "reference": 1 }, { "measured": 2, "reference": 2 } ] }
            """);
        var e = Assert.Throws<FormatException>(() => CalibrationStore.Load(tmp.Path));
        Assert.Contains("do not match the points", e.Message);
    }

    [Theory]
    [InlineData("""{ "sensorId": "x", "gain": 3, "offset": 0, "referenceInstrument": "r", "date": "2026-11-27" }""", "outside 0.5..2")]
    [InlineData("""{ "sensorId": "x", "gain": 1, "offset": 0, "date": "2026-11-27" }""", "referenceInstrument")]
    [InlineData("""{ "sensorId": "x", "gain": 1, "offset": 0, "referenceInstrument": "r", "date": "2026-11-27", "gian": 2 }""", "gian")]
    [InlineData("""{ "sensorId": "x", "gain": 1, "offset": 0, "referenceInstrument": "r", "date": "27.11.2026" }""", "bad.json")]
    public void Malformed_records_are_refused_with_the_file_named(string json, string message)
    {
        using var tmp = new TemporaryFolder();
        Directory.CreateDirectory(tmp.File("sensors"));
        File.WriteAllText(tmp.File("sensors/bad.json"), json);
        var e = Assert.Throws<FormatException>(() => CalibrationStore.Load(tmp.Path));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Two_records_for_one_sensor_are_an_error()
    {
        using var tmp = new TemporaryFolder();
        CalibrationStore.Save(tmp.Path, Record("s1"));
        File.Copy(tmp.File("sensors/s1.json"), tmp.File("sensors/s1-copy.json"));
        Assert.Contains("second calibration record", Assert.Throws<FormatException>(() => CalibrationStore.Load(tmp.Path)).Message);
    }

    [Fact]
    public void Idle_baselines_load_by_board_and_need_a_valid_tag()
    {
        using var tmp = new TemporaryFolder();
        Directory.CreateDirectory(tmp.File("baselines"));
        File.WriteAllText(tmp.File("baselines/orin.json"), """
            { "board": "orin-1", "source": "measured:jetson-VDD_IN", "idleWatts": 4.81, "samples": 500, "windowSeconds": 10, "date": "2026-11-27" }
            """);
        Assert.Equal(4.81, CalibrationStore.Load(tmp.Path).Baseline("orin-1")!.IdleWatts);

        File.WriteAllText(tmp.File("baselines/orin.json"), """
            { "board": "orin-1", "source": "jetson", "idleWatts": 4.81, "samples": 500, "windowSeconds": 10, "date": "2026-11-27" }
            """);
        Assert.Contains("not measured:<sensor>", Assert.Throws<FormatException>(() => CalibrationStore.Load(tmp.Path)).Message);
    }

    [Fact]
    public void Baselines_are_saved_from_measured_sources_only()
    {
        using var tmp = new TemporaryFolder();
        var record = new IdleBaselineRecord { Board = "orin-1", Source = "measured:jetson-VDD_IN", IdleWatts = 4.8, Samples = 500, WindowSeconds = 10, Date = new DateOnly(2026, 11, 27) };
        CalibrationStore.SaveBaseline(tmp.Path, record);
        Assert.Equal(record, CalibrationStore.Load(tmp.Path).Baseline("orin-1"));

        var e = Assert.Throws<ArgumentException>(() => CalibrationStore.SaveBaseline(tmp.Path, record with { Board = "local", Source = "simulated:ina219-default-board" }));
        Assert.Contains("not measured", e.Message);
    }

    [Fact]
    public void A_missing_folder_is_an_empty_store()
    {
        var store = CalibrationStore.Load("/nonexistent/calibration");
        Assert.Empty(store.Sensors);
        Assert.Empty(store.Baselines);
    }
}
