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

/// <summary><c>qslm power measure -- COMMAND</c>: an idle window, then the command in each of N windows, each after a
/// discarded warm-up and parted from the last by a cool-down (<see cref="LabWindowRules"/>).</summary>
internal static class PowerMeasureCommand
{
    public static Command Create()
    {
        var sensor = new Option<string>("--sensor") { Description = "Sensor: " + SensorSpec.Help + ". With 'simulated' the simulated board is busy while the command runs.", DefaultValueFactory = _ => "simulated" };
        var repeats = new Option<int>("--repeats") { Description = "Measured windows (the median is reported).", DefaultValueFactory = _ => 5 }.InRange(1, 1000);
        var window = new Option<double>("--window-seconds") { Description = "Length of each window and of the idle window before them (at least 10 s).", DefaultValueFactory = _ => 10 }.InRange(10.0, 86_400.0, "s");
        var subtract = new Option<bool>("--subtract-idle") { Description = "Show power and energy above the idle baseline in the table (the summary gives gross and net)." };
        var warmup = new Option<double>("--warmup-seconds") { Description = "Seconds the command runs before each window opens, discarded.", DefaultValueFactory = _ => new LabWindowRules().Warmup.TotalSeconds }.InRange(0.0, 3600.0, "s");
        var cooldown = new Option<double>("--cooldown-seconds") { Description = "Pause between windows, the command stopped.", DefaultValueFactory = _ => new LabWindowRules().CooldownPause.TotalSeconds }.InRange(0.0, 3600.0, "s");
        var quick = new Option<bool>("--quick") { Description = "Quick mode for tests and demonstrations: windows of 1 s, 3 repeats, short warm-up and cool-down (each overridable, except that windows given stay at least 10 s); the output says quick." };
        var calibration = new Option<string>("--calibration") { Description = "Calibration folder; a record for the sensor's id is applied.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") };
        var baseline = new Option<string?>("--save-baseline") { Description = "Also keep the idle window as this board's baseline under the calibration folder (real sensors only)." };
        var commandLine = new Argument<string[]>("command") { Description = "The command to measure, after '--'; started at each window's start and killed at its end.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("measure", "Measure a command's power and energy: an idle window first, then the command in each of N windows after a discarded warm-up, with a cool-down between them (MLPerf Tiny: at least 10 s, 5 repeats, median); gross and net of idle.")
        {
            sensor, repeats, window, subtract, warmup, cooldown, quick, calibration, baseline, commandLine,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var words = parse.GetValue(commandLine)!;
            var isQuick = parse.GetValue(quick);
            if (isQuick && parse.GetValue(baseline) is not null)
                throw new InputException("an idle baseline is kept only from full windows; --quick measures short ones");
            var spec = parse.GetValue(sensor)!;
            var board = spec == "simulated" ? new QSLM.Sensors.Simulation.SimulatedBoard() : null;
            using var opened = PowerCommand.LoadCalibration(parse.GetValue(calibration)!).Apply(SensorSpec.Open(spec, TimeProvider.System, board));
            if (parse.GetValue(baseline) is not null && opened.Source.Kind != QSLM.Sensors.Board.SourceKind.Measured)
                throw new InputException($"an idle baseline is kept only from a real sensor; {opened.Source} is not measured");
            var workload = new ProcessWorkload(words[0], words[1..], busy =>
            {
                if (board is not null) board.Busy = busy;
            });
            var options = Rules(parse, isQuick ? LabWindowRules.QuickPreset : new LabWindowRules(), window, repeats, warmup, cooldown) with { SubtractIdle = parse.GetValue(subtract) };
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

    /// <summary>The rules from <paramref name="preset"/> with what the command line gave explicitly; without --quick every
    /// option's default is the full rules' own, so an option given or not gives the same rules.</summary>
    private static LabWindowRules Rules(ParseResult parse, LabWindowRules preset, Option<double> window, Option<int> repeats, Option<double> warmup, Option<double> cooldown)
    {
        static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
        var rules = preset;
        if (Given(parse, window) || !preset.Quick) rules = rules with { Window = TimeSpan.FromSeconds(parse.GetValue(window)), IdleWindow = TimeSpan.FromSeconds(parse.GetValue(window)) };
        if (Given(parse, repeats) || !preset.Quick) rules = rules with { Repeats = parse.GetValue(repeats) };
        if (Given(parse, warmup) || !preset.Quick) rules = rules with { Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)) };
        if (Given(parse, cooldown) || !preset.Quick) rules = rules with { CooldownPause = TimeSpan.FromSeconds(parse.GetValue(cooldown)) };
        return rules.CooldownCap < rules.CooldownPause ? rules with { CooldownCap = rules.CooldownPause } : rules;
    }
}
