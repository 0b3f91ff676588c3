using System.CommandLine;
using QSLM.Sensors.Export;
using QSLM.Sensors.Statistics;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power compare A.csv B.csv</c>: per-window means compared with a bootstrap confidence interval.</summary>
internal static class PowerCompareCommand
{
    public static Command Create()
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
        }, usesTorch: false));
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
}
