using System.CommandLine;
using QSLM.Cli.Benchmarks;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm bench …</c>: benchmarks that print ratios against a baseline measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks; each prints what it ran on and ratios against a baseline measured in the same run.");
        var rows = new Option<int>("--rows") { Description = "Rows of the benchmark tensor.", DefaultValueFactory = _ => 2048 };
        var columns = new Option<int>("--columns") { Description = "Columns of the benchmark tensor.", DefaultValueFactory = _ => 4096 };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs (the median is reported).", DefaultValueFactory = _ => 5 };
        var pack = new Command("pack", "Pack and unpack throughput of int8 and int4 against a plain copy of the same bytes.") { rows, columns, repeats };
        pack.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            PackBenchmark.Run(parse.GetValue(rows), parse.GetValue(columns), Math.Max(1, parse.GetValue(repeats)));
            return CommandRunner.Success;
        }));
        command.Subcommands.Add(pack);
        return command;
    }
}
