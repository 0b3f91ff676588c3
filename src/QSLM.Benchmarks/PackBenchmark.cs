using System.Globalization;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using Spectre.Console;

namespace QSLM.Benchmarks;

/// <summary>
/// Pack (encode) and unpack (decode) throughput of int8 (per channel) and int4 (groups of 32)
/// against a plain copy of the same fp32 bytes, measured in the same run; prints ratios to the copy.
/// </summary>
internal static class PackBenchmark
{
    public static void Run(int rows, int columns, int repeats)
    {
        var values = new float[checked(rows * columns)];
        var rng = new Random(1);
        for (var i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() - 0.5) * 0.1f;
        var copy = new float[values.Length];
        var megabytes = values.Length * 4 / 1e6;
        var copySeconds = BenchTimer.MedianSeconds(() => values.AsSpan().CopyTo(copy), repeats);

        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.WriteLine($"bench pack: {rows}x{columns} fp32 weights ({megabytes.ToString("F1", inv)} MB), median of {repeats} runs after a warm-up");
        AnsiConsole.WriteLine($"machine: {BenchTimer.Machine()}");
        var table = new Table().AddColumns("operation", "MB/s of fp32", "time (ms)", "copy time / time");
        void Row(string name, double seconds) => table.AddRow(name, (megabytes / seconds).ToString("F0", inv), (seconds * 1e3).ToString("F2", inv), (copySeconds / seconds).ToString("F4", inv));
        Row("copy (baseline)", copySeconds);
        foreach (var name in new[] { "int8", "int4_g32" })
        {
            var format = QuantFormats.Get(name);
            var codec = QuantCodecs.For(format);
            var encoded = new byte[format.EncodedBytes(rows, columns)];
            var decoded = new float[values.Length];
            Row($"pack {name}", BenchTimer.MedianSeconds(() => codec.Encode(values, rows, columns, encoded, QuantizeOptions.Default), repeats));
            Row($"unpack {name}", BenchTimer.MedianSeconds(() => codec.Decode(encoded, rows, columns, decoded), repeats));
        }
        AnsiConsole.Write(table);
    }
}
