using QSLM.Format.Codecs;
using QSLM.Format.Formats;

namespace QSLM.Benchmarks;

/// <summary>
/// Pack (encode) and unpack (decode) throughput of int8 (per channel) and int4 (groups of 32)
/// against a plain copy of the same fp32 bytes, measured in the same run.
/// </summary>
internal static class PackBenchmark
{
    /// <summary>Megabytes of fp32 weights a <paramref name="rows"/> x <paramref name="columns"/> tensor holds.</summary>
    public static double Megabytes(int rows, int columns) => (double)rows * columns * 4 / 1e6;

    /// <summary>Times the copy, then packing and unpacking each format, each the median of <paramref name="repeats"/> runs after a warm-up.</summary>
    public static PackBenchmarkResult Run(int rows, int columns, int repeats)
    {
        var values = new float[checked(rows * columns)];
        var rng = new Random(1);
        for (var i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() - 0.5) * 0.1f;
        var copy = new float[values.Length];
        var copySeconds = BenchTimer.MedianSeconds(() => values.AsSpan().CopyTo(copy), repeats);
        var operations = new List<PackOperation> { new("copy (baseline)", copySeconds) };
        foreach (var name in new[] { "int8", "int4_g32" })
        {
            var format = QuantFormats.Get(name);
            var codec = QuantCodecs.For(format);
            var encoded = new byte[format.EncodedBytes(rows, columns)];
            var decoded = new float[values.Length];
            operations.Add(new($"pack {name}", BenchTimer.MedianSeconds(() => codec.Encode(values, rows, columns, encoded, QuantizeOptions.Default), repeats)));
            operations.Add(new($"unpack {name}", BenchTimer.MedianSeconds(() => codec.Decode(encoded, rows, columns, decoded), repeats)));
        }
        return new PackBenchmarkResult(Megabytes(rows, columns), copySeconds, operations);
    }
}
