using System.Globalization;
using QSLM.Benchmarks;
using Spectre.Console;

namespace QSLM.Cli.Rendering.Benchmarks;

/// <summary>Renders <c>qslm bench runtime</c>: what it runs on, the streaming bandwidth, a table of
/// tokens/s against the bandwidth floor, and the targets of the model's regime (in or beyond the cache).</summary>
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

    /// <summary>Each variant against its floor and the runtime fp32, then whether the targets of the model's regime are
    /// met: <paramref name="beyondCache"/> for a model whose fp32 weights do not fit the last-level cache (the synthetic
    /// 12x768), else the in-cache targets (the reference LM).</summary>
    public static void Results(IAnsiConsole console, RuntimeBenchmarkResult result, bool beyondCache)
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

        var regime = beyondCache ? "beyond cache" : "in cache";
        void Target(string what, string measured, bool met) => console.WriteLine($"target ({regime}) {what}: {measured} {(met ? "met" : "NOT met")}");
        string Times(double ratio) => string.Create(Inv, $"{ratio:F2}x");
        var others = result.Variants.Where(v => v.Format != "fp32").ToList();
        if (others.Count > 0)
        {
            var slowest = others.MinBy(v => v.Rate)!;
            Target("every format >= runtime fp32", $"slowest {slowest.Format} {Times(slowest.Rate / fp32)}", slowest.Rate >= fp32);
        }
        if (beyondCache)
        {
            if (result.Find("int4") is { } int4) Target("int4 >= 3x runtime fp32", Times(int4.Rate / fp32), int4.Rate >= 3 * fp32);
            if (result.Find("int4_a8") is { } int4A8) Target("int4_a8 >= 4x runtime fp32", Times(int4A8.Rate / fp32), int4A8.Rate >= 4 * fp32);
            foreach (var name in new[] { "int8", "int4" })
            {
                if (result.Find(name) is not { } variant) continue;
                var ofFloor = variant.Rate / variant.Floor(result.Bandwidth);
                Target($"{name} within 1.5x of its read-bandwidth floor", string.Create(Inv, $"{ofFloor:F2} of floor"), ofFloor >= 1 / 1.5);
            }
        }
        else
        {
            var a8 = others.Where(v => QSLM.Format.Formats.QuantFormats.Get(v.Format).QuantizesActivations).ToList();
            if (a8.Count > 0)
            {
                var slowest = a8.MinBy(v => v.Rate)!;
                Target("every A8 format >= 1.5x runtime fp32", $"slowest {slowest.Format} {Times(slowest.Rate / fp32)}", slowest.Rate >= 1.5 * fp32);
            }
            if (result.Find("int4_a8") is { } int4A8) Target("int4_a8 >= 2x runtime fp32", Times(int4A8.Rate / fp32), int4A8.Rate >= 2 * fp32);
        }
        var torchRatio = fp32 / result.TorchRate;
        Target("runtime fp32 >= TorchSharp fp32 recurrence", Times(torchRatio), torchRatio >= 1);
    }
}
