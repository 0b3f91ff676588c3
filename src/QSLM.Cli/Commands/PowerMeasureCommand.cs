using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Sampling;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power measure -- COMMAND</c>: an idle window, then the command in each of N windows.</summary>
internal static class PowerMeasureCommand
{
    public static Command Create()
    {
        var sensor = new Option<string>("--sensor") { Description = "Sensor: " + SensorSpec.Help + ". With 'simulated' the simulated board is busy while the command runs.", DefaultValueFactory = _ => "simulated" };
        var repeats = new Option<int>("--repeats") { Description = "Measured windows (the median is reported).", DefaultValueFactory = _ => 5 }.InRange(1, 1000);
        var window = new Option<double>("--window-seconds") { Description = "Length of each window and of the idle window before them (at least 10 s).", DefaultValueFactory = _ => 10 }.InRange(10.0, 86_400.0, "s");
        var subtract = new Option<bool>("--subtract-idle") { Description = "Report power and energy above the idle baseline." };
        var calibration = new Option<string>("--calibration") { Description = "Calibration folder; a record for the sensor's id is applied.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") };
        var baseline = new Option<string?>("--save-baseline") { Description = "Also keep the idle window as this board's baseline under the calibration folder (real sensors only)." };
        var commandLine = new Argument<string[]>("command") { Description = "The command to measure, after '--'; started at each window's start and killed at its end.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("measure", "Measure a command's power and energy: an idle window first, then the command in each of N windows (MLPerf Tiny: at least 10 s, 5 repeats, median).")
        {
            sensor, repeats, window, subtract, calibration, baseline, commandLine,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var words = parse.GetValue(commandLine)!;
            var spec = parse.GetValue(sensor)!;
            var board = spec == "simulated" ? new QSLM.Sensors.Simulation.SimulatedBoard() : null;
            using var opened = PowerCommand.LoadCalibration(parse.GetValue(calibration)!).Apply(SensorSpec.Open(spec, TimeProvider.System, board));
            if (parse.GetValue(baseline) is not null && opened.Source.Kind != QSLM.Sensors.Board.SourceKind.Measured)
                throw new InputException($"an idle baseline is kept only from a real sensor; {opened.Source} is not measured");
            var workload = new ProcessWorkload(words[0], words[1..], busy =>
            {
                if (board is not null) board.Busy = busy;
            });
            var options = new LabWindowRules
            {
                Window = TimeSpan.FromSeconds(parse.GetValue(window)),
                IdleWindow = TimeSpan.FromSeconds(parse.GetValue(window)),
                Repeats = parse.GetValue(repeats),
                SubtractIdle = parse.GetValue(subtract),
            };
            var report = RepeatedMeasurement.Run(new Sampler(opened, TimeProvider.System), options, workload);
            var inv = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("window", Markup.Escape($"mean power (W, {report.Source})"), Markup.Escape($"energy (J, {report.Source})"), "samples", "invalid");
            foreach (var w in report.Windows)
                table.AddRow((w.Repeat + 1).ToString(inv), w.MeanWatts.ToString("F4", inv), w.Joules.ToString("F3", inv), w.Samples.ToString(inv), w.InvalidSamples.ToString(inv));
            Terminal.Write(table);
            Terminal.WriteLine(report.Summary());
            if (parse.GetValue(baseline) is { } boardName)
            {
                var path = CalibrationStore.SaveBaseline(parse.GetValue(calibration)!, new IdleBaselineRecord
                {
                    Board = boardName,
                    Source = report.Source.ToString(),
                    IdleWatts = report.IdleWatts,
                    Samples = report.IdleSamples,
                    WindowSeconds = options.IdleWindow.TotalSeconds,
                    Date = DateOnly.FromDateTime(DateTime.UtcNow),
                });
                Terminal.WriteLine($"Saved the idle baseline of {boardName} to {path}");
            }
            if (workload.EndedEarly > 0)
                Terminal.Log.LogInformation("the command ended before {EndedEarly} of {Windows} windows closed (exit codes {ExitCodes}); those windows include idle time", workload.EndedEarly, report.Windows.Count, string.Join(", ", workload.ExitCodes));
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
