using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Export;
using QSLM.Sensors.Sampling;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power sample</c>: read a sensor for a while and print the tagged figures.</summary>
internal static class PowerSampleCommand
{
    public static Command Create()
    {
        var sensor = new Option<string>("--sensor") { Description = "Sensor: " + SensorSpec.Help + ". 'simulated' is the built-in default board's simulated INA219.", DefaultValueFactory = _ => "simulated" };
        var seconds = new Option<double>("--seconds") { Description = "How long to sample.", DefaultValueFactory = _ => 10 }.AboveZero(604_800.0, "s");
        var interval = new Option<double?>("--interval-ms") { Description = "Time between readings; default: as fast as the sensor converts." }.InRange(0.001, 3_600_000.0, "ms");
        var calibration = new Option<string>("--calibration") { Description = "Calibration folder; a record for the sensor's id is applied.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") };
        var output = new Option<string?>("--output", "-o") { Description = "Also write every sample to this CSV." }.WritableFile();
        var command = new Command("sample", "Sample a power sensor for a while and print the figures with their source tag.") { sensor, seconds, interval, calibration, output };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var duration = parse.GetValue(seconds);
            if (!(duration > 0)) throw new InputException("--seconds must be positive");
            var store = PowerCommand.LoadCalibration(parse.GetValue(calibration)!);
            using var opened = store.Apply(SensorSpec.Open(parse.GetValue(sensor)!, TimeProvider.System));
            var sampler = new Sampler(opened, TimeProvider.System, parse.GetValue(interval) is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            var start = sampler.Now;
            var series = sampler.Collect(TimeSpan.FromSeconds(duration));
            var stop = series.Readings[^1].Timestamp;
            PrintSample(series, sampler, start, stop, store.Find(opened.Id));
            if (parse.GetValue(output) is { } path)
            {
                using var writer = new StreamWriter(path);
                SampleCsv.Write(writer, series.Readings);
            }
            return series.ValidCount > 1 ? CommandRunner.Success : CommandRunner.Failure;
        }, usesTorch: false));
        return command;
    }

    private static void PrintSample(SampleSeries series, Sampler sampler, TimeSpan start, TimeSpan stop, CalibrationRecord? record)
    {
        var inv = CultureInfo.InvariantCulture;
        var seconds = (stop - start).TotalSeconds;
        Terminal.WriteLine($"source: {series.Source}; calibration: {record?.Label ?? "none"}");
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("window", string.Create(inv, $"{seconds:F3} s"));
        table.AddRow("samples (valid / invalid)", string.Create(inv, $"{series.ValidCount} / {series.InvalidCount}"));
        table.AddRow("rate (achieved / requested)", string.Create(inv, $"{series.Readings.Count / Math.Max(seconds, 1e-9):F1} / {sampler.RequestedRate:F1} per s"));
        if (series.ValidCount > 1)
        {
            var points = series.Points();
            table.AddRow("mean power", Markup.Escape(string.Create(inv, $"{series.MeanWatts(start, stop):F4} W ({series.Source})")));
            table.AddRow("min / max power", Markup.Escape(string.Create(inv, $"{points.Min(p => p.Watts):F4} / {points.Max(p => p.Watts):F4} W ({series.Source})")));
            table.AddRow("energy", Markup.Escape(string.Create(inv, $"{series.Joules(start, stop):F4} J ({series.Source})")));
        }
        Terminal.Write(table);
        foreach (var problem in series.Readings.Where(r => !r.IsValid).GroupBy(r => r.Problem).Take(3))
            Terminal.Log.LogInformation("{Count} invalid samples: {Problem}", problem.Count(), problem.Key ?? "");
    }
}
