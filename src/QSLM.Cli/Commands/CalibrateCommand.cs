using System.CommandLine;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Simulation;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm calibrate</c>: a two-point calibration of a sensor against a reference instrument, saved under <c>calibration/sensors/</c>.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var sensor = new Option<string>("--sensor") { Description = "Sensor: " + SensorSpec.Help + ". With 'simulated' the simulated board switches itself to 0.2 A and 2 A.", Required = true };
        var reference = new Option<string>("--reference") { Description = "The reference instrument: make, model, serial.", Required = true };
        var quantity = new Option<string>("--quantity") { Description = "current (shunt monitors) or power (sources that report only power).", DefaultValueFactory = _ => "current" };
        quantity.AcceptOnlyFromAmong("current", "power");
        var samples = new Option<int>("--samples") { Description = "Sensor readings averaged per point.", DefaultValueFactory = _ => 50 }.InRange(1, 100_000);
        var shunt = new Option<double?>("--shunt-ohms") { Description = "The shunt resistance, recorded with the calibration." }.AboveZero(1_000_000.0, "ohms");
        var folder = new Option<string>("--calibration") { Description = "Calibration folder to write the record into.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") }.WritableFolder();
        var command = new Command("calibrate", "Walk through a two-point calibration of a power sensor against a reference instrument and save the record (applied automatically by sensor id).")
        {
            sensor, reference, quantity, samples, shunt, folder,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            if (parse.GetValue(samples) < 1) throw new InputException("--samples must be at least 1");
            var spec = parse.GetValue(sensor)!;
            var board = spec == "simulated" ? new SimulatedBoard() : null;
            using var opened = SensorSpec.Open(spec, TimeProvider.System, board);
            Action<int>? beforePoint = board is null ? null : i =>
            {
                var amperes = i == 0 ? 0.2 : 2.0;
                board.SetWatts(amperes * 5.1);
                Terminal.WriteLine($"(simulated board: load set to {amperes} A at 5.1 V)");
            };
            var record = CalibrationWalkthrough.Run(opened, parse.GetValue(quantity) == "power" ? CalibrationQuantity.Power : CalibrationQuantity.Current,
                parse.GetValue(reference)!, Terminal.In, Terminal.Out, parse.GetValue(samples), beforePoint, shuntOhms: parse.GetValue(shunt));
            var path = CalibrationStore.Save(parse.GetValue(folder)!, record);
            Terminal.WriteLine($"Saved {path}; readings of {record.SensorId} are corrected from now on.");
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
