using System.CommandLine;
using Microsoft.Extensions.Logging;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Sensors.Export;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power import</c>: an existing log (tegrastats, PMIC, nvidia-smi, INA219 logger) as the sample CSV.</summary>
internal static class PowerImportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "Log format: tegrastats, pmic (repeated vcgencmd pmic_read_adc), nvidia-smi, ina219-csv (time_s,bus_v,current_a).", Required = true };
        format.AcceptOnlyFromAmong("tegrastats", "pmic", "nvidia-smi", "ina219-csv");
        var file = new Argument<string>("file") { Description = "The log to import." }.NotAFolder();
        var interval = new Option<double>("--interval-ms") { Description = "Sampling interval of logs without timestamps (tegrastats --interval, nvidia-smi -lms).", DefaultValueFactory = _ => 1000 }.InRange(0.001, 86_400_000.0, "ms");
        var rail = new Option<string?>("--total-rail") { Description = "tegrastats: the rail that is the board total (default: POM_5V_IN, VDD_IN, else the sum)." };
        var output = new Option<string?>("--output", "-o") { Description = "CSV to write (default: standard output)." }.WritableFile();
        var command = new Command("import", "Turn an existing power log into the harness's sample CSV: one row per sample with the board total, each rail and the source tag.") { file, format, interval, rail, output };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var logFormat = parse.GetValue(format) switch
            {
                "tegrastats" => LogFormat.Tegrastats,
                "pmic" => LogFormat.Pmic,
                "nvidia-smi" => LogFormat.NvidiaSmi,
                _ => LogFormat.Ina219Csv,
            };
            var ms = parse.GetValue(interval);
            if (!(ms > 0)) throw new InputException("--interval-ms must be positive");
            var path = parse.GetValue(file)!;
            using var log = LogFile.OpenText(path);
            using var target = parse.GetValue(output) is { } csvPath ? new StreamWriter(csvPath) : null;
            var summary = LogImport.Import(logFormat, log, path, target ?? Terminal.Out, TimeSpan.FromMilliseconds(ms), parse.GetValue(rail));
            Terminal.Log.LogInformation("{Path}: {Samples} samples, {Skipped} lines skipped", path, summary.Samples, summary.SkippedLines);
            foreach (var s in summary.FirstSkipped) Terminal.Log.LogInformation("  line {Line}: {Reason}", s.LineNumber, s.Reason);
            return summary.Samples > 0 ? CommandRunner.Success : CommandRunner.BadInput;
        }, usesTorch: false));
        return command;
    }
}
