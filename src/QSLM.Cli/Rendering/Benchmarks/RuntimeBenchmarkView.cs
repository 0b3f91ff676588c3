using System.Globalization;
using QSLM.Benchmarks;
using Spectre.Console;

namespace QSLM.Cli.Rendering.Benchmarks;

/// <summary>Renders <c>qslm bench runtime</c>: what it runs on, the streaming bandwidth, a table of
/// tokens/s against the bandwidth floor, and the two targets.</summary>
internal static class RuntimeBenchmarkView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The lines before the measurement: the model, the run and the machine.</summary>
    public static void Header(IAnsiConsole console, string model, int tokens, int threads, string machine, string kernels)
    {
        console.WriteLine($"bench runtime: {model}, {tokens} tokens per variant after 16 warm-up tokens, next-token logits every token, {threads} thread(s)");
        console.WriteLine($"machine: {machine}; runtime kernels: {kernels}");
    }

    /// <summary>The bandwidth the floor is computed from, as soon as it is measured.</summary>
    public static void Bandwidth(IAnsiConsole console, double bandwidth, int threads) =>
        console.WriteLine(string.Create(Inv, $"streaming read: {bandwidth / 1e9:F2} GB/s (256 MiB, {threads} thread(s), median of 5): the floor of a token is its weight bytes over this"));

    /// <summary>Each variant against its floor and the runtime fp32, then whether the targets are met.</summary>
    public static void Results(IAnsiConsole console, RuntimeBenchmarkResult result)
    {
        var fp32 = result.Variant("fp32").Rate;
        var table = new Table().AddColumns("variant", "file MB", "weight MB / token", "tokens/s", "weights GB/s", "bandwidth floor tokens/s", "of floor", "vs runtime fp32");
        foreach (var variant in result.Variants)
        {
            var floor = variant.Floor(result.Bandwidth);
            table.AddRow($"runtime {variant.Format}", (variant.FileBytes / 1e6).ToString("F1", Inv), (variant.WeightBytesPerToken / 1e6).ToString("F2", Inv),
                variant.Rate.ToString("F1", Inv), (variant.Rate * variant.WeightBytesPerToken / 1e9).ToString("F2", Inv), floor.ToString("F1", Inv), (variant.Rate / floor).ToString("F2", Inv), (variant.Rate / fp32).ToString("F2", Inv));
        }
        table.AddRow("TorchSharp fp32 recurrent", "", "", result.TorchRate.ToString("F1", Inv), "", "", "", (result.TorchRate / fp32).ToString("F2", Inv));
        console.Write(table);

        var others = result.Variants.Where(v => v.Format != "fp32").ToList();
        if (others.Count > 0)
        {
            var slowest = others.MinBy(v => v.Rate)!;
            console.WriteLine(string.Create(Inv, $"target every format >= runtime fp32: slowest {slowest.Format} {slowest.Rate / fp32:F2}x {(slowest.Rate >= fp32 ? "met" : "NOT met")}"));
        }
        var a8 = others.Where(v => QSLM.Format.Formats.QuantFormats.Get(v.Format).QuantizesActivations).ToList();
        if (a8.Count > 0)
        {
            var slowest = a8.MinBy(v => v.Rate)!;
            console.WriteLine(string.Create(Inv, $"target every A8 format >= 1.5x runtime fp32 (in cache): slowest {slowest.Format} {slowest.Rate / fp32:F2}x {(slowest.Rate >= 1.5 * fp32 ? "met" : "NOT met")}"));
        }
        if (result.Find("int4_a8") is { } int4A8)
        {
            var ratio = int4A8.Rate / fp32;
            console.WriteLine(string.Create(Inv, $"target int4_a8 >= 2x runtime fp32 in cache, >= 4x beyond it: {ratio:F2}x ({(ratio >= 2 ? "met" : "NOT met")} in cache, {(ratio >= 4 ? "met" : "NOT met")} beyond)"));
        }
        foreach (var name in new[] { "int8", "int4" })
        {
            if (result.Find(name) is not { } variant) continue;
            var ofFloor = variant.Rate / variant.Floor(result.Bandwidth);
            console.WriteLine(string.Create(Inv, $"target {name} within 1.5x of its read-bandwidth floor (beyond cache): {ofFloor:F2} of floor {(ofFloor >= 1 / 1.5 ? "met" : "NOT met")}"));
        }
        var torchRatio = fp32 / result.TorchRate;
        if (result.Find("int4") is { } int4)
        {
            var int4Ratio = int4.Rate / fp32;
            console.WriteLine(string.Create(Inv, $"target int4 >= 2x runtime fp32: {int4Ratio:F2}x {(int4Ratio >= 2 ? "met" : "NOT met")}"));
        }
        console.WriteLine(string.Create(Inv, $"target runtime fp32 >= TorchSharp fp32 recurrence: {torchRatio:F2}x {(torchRatio >= 1 ? "met" : "NOT met")}"));
    }
}
