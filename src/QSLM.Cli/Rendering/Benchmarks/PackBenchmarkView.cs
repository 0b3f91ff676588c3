using System.Globalization;
using QSLM.Benchmarks;
using Spectre.Console;

namespace QSLM.Cli.Rendering.Benchmarks;

/// <summary>Renders <c>qslm bench pack</c>: what it runs on, then a table of throughput and ratios to the copy.</summary>
internal static class PackBenchmarkView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The lines before the measurement: the tensor and the machine.</summary>
    public static void Header(IAnsiConsole console, int rows, int columns, int repeats, string machine)
    {
        console.WriteLine($"bench pack: {rows}x{columns} fp32 weights ({PackBenchmark.Megabytes(rows, columns).ToString("F1", Inv)} MB), median of {repeats} runs after a warm-up");
        console.WriteLine($"machine: {machine}");
    }

    /// <summary>Each operation's throughput, time and ratio to the copy.</summary>
    public static void Results(IAnsiConsole console, PackBenchmarkResult result)
    {
        var table = new Table().AddColumns("operation", "MB/s of fp32", "time (ms)", "copy time / time");
        foreach (var operation in result.Operations)
        {
            table.AddRow(operation.Name, (result.Megabytes / operation.Seconds).ToString("F0", Inv), (operation.Seconds * 1e3).ToString("F2", Inv),
                (result.CopySeconds / operation.Seconds).ToString("F4", Inv));
        }
        console.Write(table);
    }
}
