using System.CommandLine;
using System.Globalization;
using QSLM.Sensors.Calibration;
using QSLM.Sensors.Discovery;
using QSLM.Sensors.Estimation;
using QSLM.Sensors.Export;
using QSLM.Sensors.Sampling;
using QSLM.Sensors.Statistics;
using Spectre.Console;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power sample|import|compare</c>: read a power sensor, turn existing logs into sample CSV, compare two candidates.</summary>
internal static class PowerCommand
{
    public static Command Create()
    {
        var command = new Command("power", "Power sensing: sample a sensor, import an existing log as sample CSV, compare two candidates' logs.");
        command.Subcommands.Add(Sample());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Compare());
        command.Subcommands.Add(Estimate());
        return command;
    }

    private static Command Estimate()
    {
        var model = new Argument<string>("model") { Description = "Packed model file (.qslm)." };
        var tokens = new Option<int>("--tokens") { Description = "Tokens of a seeded stream to run and count.", DefaultValueFactory = _ => 256 };
        var seed = new Option<int>("--seed") { Description = "Seed of the token stream.", DefaultValueFactory = _ => 1 };
        var command = new Command("estimate", "Energy per token for a board with no sensor: run a packed model on the board runtime, count accumulates, multiply-accumulates and weight bytes, and price them (Horowitz, ISSCC 2014, 45 nm). Always labelled estimated.")
        {
            model, tokens, seed,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var count = parse.GetValue(tokens);
            if (count < 1) throw new ArgumentException("--tokens must be at least 1");
            using var runtime = QSLM.Runtime.Inference.SpikeGptRuntime.Open(parse.GetValue(model)!);
            var random = new Random(parse.GetValue(seed));
            var state = runtime.NewState();
            var features = new float[runtime.Width];
            var logits = new float[runtime.HasLmHead ? runtime.VocabSize : 0];
            runtime.ResetCounts();
            for (var i = 0; i < count; i++)
            {
                runtime.Step(random.Next(runtime.VocabSize), state, features);
                if (runtime.HasLmHead) runtime.Logits(features, logits);
            }
            var counts = runtime.Counts;
            var estimate = EnergyEstimator.Estimate(new OperationTally(counts.Tokens, counts.MultiplyAccumulates, counts.Accumulates, runtime.WeightBytesPerToken(runtime.HasLmHead)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Tokens} tokens: {counts.MultiplyAccumulates / (double)counts.Tokens:N0} MACs, {counts.Accumulates / (double)counts.Tokens:N0} ACs, {runtime.WeightBytesPerToken(runtime.HasLmHead):N0} weight bytes per token"));
            Console.WriteLine(estimate.Summary());
            return CommandRunner.Success;
        }));
        return command;
    }

    private static Command Sample()
    {
        var sensor = new Option<string>("--sensor") { Description = "Sensor: " + SensorSpec.Help + ". 'simulated' is the built-in default board's simulated INA219.", DefaultValueFactory = _ => "simulated" };
        var seconds = new Option<double>("--seconds") { Description = "How long to sample.", DefaultValueFactory = _ => 10 };
        var interval = new Option<double?>("--interval-ms") { Description = "Time between readings; default: as fast as the sensor converts." };
        var calibration = new Option<string>("--calibration") { Description = "Calibration folder; a record for the sensor's id is applied.", DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Root, "calibration") };
        var output = new Option<string?>("--output", "-o") { Description = "Also write every sample to this CSV." };
        var command = new Command("sample", "Sample a power sensor for a while and print the figures with their source tag.") { sensor, seconds, interval, calibration, output };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var duration = parse.GetValue(seconds);
            if (!(duration > 0)) throw new ArgumentException("--seconds must be positive");
            var store = LoadCalibration(parse.GetValue(calibration)!);
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
        }));
        return command;
    }

    private static void PrintSample(SampleSeries series, Sampler sampler, TimeSpan start, TimeSpan stop, CalibrationRecord? record)
    {
        var inv = CultureInfo.InvariantCulture;
        var seconds = (stop - start).TotalSeconds;
        Console.WriteLine($"source: {series.Source}; calibration: {record?.Label ?? "none"}");
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("window", string.Create(inv, $"{seconds:F3} s"));
        table.AddRow("samples (valid / invalid)", string.Create(inv, $"{series.ValidCount} / {series.InvalidCount}"));
        table.AddRow("rate (achieved / requested)", string.Create(inv, $"{series.Readings.Count / Math.Max(seconds, 1e-9):F1} / {sampler.RequestedRate:F1} per s"));
        if (series.ValidCount > 1)
        {
            var points = series.Points();
            table.AddRow("mean power", Markup.Escape(string.Create(inv, $"{series.MeanWatts(start, stop):F4} W ({series.Source})")));
            table.AddRow("min / max power", string.Create(inv, $"{points.Min(p => p.Watts):F4} / {points.Max(p => p.Watts):F4} W"));
            table.AddRow("energy", Markup.Escape(string.Create(inv, $"{series.Joules(start, stop):F4} J ({series.Source})")));
        }
        AnsiConsole.Write(table);
        foreach (var problem in series.Readings.Where(r => !r.IsValid).GroupBy(r => r.Problem).Take(3))
            Console.Error.WriteLine($"qslm: {problem.Count()} invalid samples: {problem.Key}");
    }

    private static Command Import()
    {
        var format = new Option<string>("--format") { Description = "Log format: tegrastats, pmic (repeated vcgencmd pmic_read_adc), nvidia-smi, ina219-csv (time_s,bus_v,current_a).", Required = true };
        format.AcceptOnlyFromAmong("tegrastats", "pmic", "nvidia-smi", "ina219-csv");
        var file = new Argument<string>("file") { Description = "The log to import." };
        var interval = new Option<double>("--interval-ms") { Description = "Sampling interval of logs without timestamps (tegrastats --interval, nvidia-smi -lms).", DefaultValueFactory = _ => 1000 };
        var rail = new Option<string?>("--total-rail") { Description = "tegrastats: the rail that is the board total (default: POM_5V_IN, VDD_IN, else the sum)." };
        var output = new Option<string?>("--output", "-o") { Description = "CSV to write (default: standard output)." };
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
            if (!(ms > 0)) throw new ArgumentException("--interval-ms must be positive");
            var path = parse.GetValue(file)!;
            var result = LogImport.Import(logFormat, File.ReadAllLines(path), TimeSpan.FromMilliseconds(ms), parse.GetValue(rail));
            if (parse.GetValue(output) is { } target)
            {
                using var writer = new StreamWriter(target);
                SampleCsv.Write(writer, result.Readings);
            }
            else
            {
                SampleCsv.Write(Console.Out, result.Readings);
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"qslm: {path}: {result.Readings.Count} samples, {result.Skipped.Count} lines skipped"));
            foreach (var s in result.Skipped.Take(5)) Console.Error.WriteLine($"qslm:   line {s.LineNumber}: {s.Reason}");
            return result.Readings.Count > 0 ? CommandRunner.Success : CommandRunner.BadInput;
        }));
        return command;
    }

    private static Command Compare()
    {
        var a = new Argument<string>("a") { Description = "Sample CSV of candidate A (the reference)." };
        var b = new Argument<string>("b") { Description = "Sample CSV of candidate B." };
        var window = new Option<double>("--window-seconds") { Description = "Window length; each complete window's mean power is one value (MLPerf Tiny: at least 10 s).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 6 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("compare", "Compare two candidates' power: mean and median per window, the 95% confidence interval of the relative difference, or 'not distinguishable'.") { a, b, window, seed, resamples };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var seconds = parse.GetValue(window);
            if (!(seconds > 0)) throw new ArgumentException("--window-seconds must be positive");
            var pathA = parse.GetValue(a)!;
            var pathB = parse.GetValue(b)!;
            var result = WindowedComparison.Compare(Path.GetFileName(pathA), ReadCsv(pathA), Path.GetFileName(pathB), ReadCsv(pathB), TimeSpan.FromSeconds(seconds),
                new ComparisonOptions { Seed = parse.GetValue(seed), Resamples = parse.GetValue(resamples) });
            Console.WriteLine(result.Summary());
            return CommandRunner.Success;
        }));
        return command;
    }

    private static IReadOnlyList<QSLM.Sensors.PowerReading> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        try
        {
            return SampleCsv.Read(reader, path);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    internal static CalibrationStore LoadCalibration(string folder)
    {
        try
        {
            return CalibrationStore.Load(folder);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }
}
