using System.Diagnostics;
using System.Globalization;
using QSLM.Format.Formats;
using QSLM.Model.Quantization;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;
using Spectre.Console;
using static TorchSharp.torch;

namespace QSLM.Benchmarks;

/// <summary>
/// Tokens per second of the board runtime on fp32, int8 and int4 packings of one checkpoint, of the
/// TorchSharp fp32 recurrent forward on the same machine, and of the memory-bandwidth floor: a
/// token must read every weight it uses once, so it cannot take less than its weight bytes over the
/// streaming bandwidth, measured here as a large copy (each byte read once, written once — a
/// conservative bandwidth, since a matrix product only reads).
/// </summary>
internal static class RuntimeBenchmark
{
    private const long CopyBytes = 256L << 20;

    public static void Run(BenchModel subject, int tokens, int threads)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = new RuntimeOptions(KernelPaths.Best, threads);
        AnsiConsole.WriteLine($"bench runtime: {subject.Description}, {tokens} tokens per variant after 16 warm-up tokens, next-token logits every token, {threads} thread(s)");
        AnsiConsole.WriteLine($"machine: {BenchTimer.Machine()}; runtime kernels: {KernelPaths.Describe()}");

        var source = new byte[CopyBytes];
        var target = new byte[CopyBytes];
        Random.Shared.NextBytes(source);
        var bandwidth = CopyBytes / BenchTimer.MedianSeconds(() => source.AsSpan().CopyTo(target), 5);
        AnsiConsole.WriteLine(string.Create(inv, $"streaming copy: {bandwidth / 1e9:F2} GB/s (256 MiB, median of 5)"));

        var stream = new int[tokens + 16];
        var work = Directory.CreateTempSubdirectory("qslm-bench-").FullName;
        try
        {
            using var model = subject.Create();
            var random = new Random(1); // the same seeded stream for every variant
            for (var i = 0; i < stream.Length; i++) stream[i] = random.Next(model.Config.VocabSize);

            var table = new Table().AddColumns("variant", "file MB", "weight MB / token", "tokens/s", "bandwidth floor tokens/s", "of floor", "vs runtime fp32");
            var results = new Dictionary<string, double>();
            foreach (var format in new[] { "fp32", "int8", "int4" })
            {
                var path = Path.Combine(work, $"{format}.qslm");
                ModelPacker.Pack(model, PrecisionAssignment.Parse($"*={format}"), "bench", path);
                using var runtime = SpikeGptRuntime.Open(path, options);
                var rate = RuntimeRate(runtime, stream, tokens);
                results[format] = rate;
                var bytes = runtime.WeightBytesPerToken(withHead: true);
                var floor = bandwidth / bytes;
                table.AddRow($"runtime {format}", (runtime.FileSize / 1e6).ToString("F1", inv), (bytes / 1e6).ToString("F2", inv),
                    rate.ToString("F1", inv), floor.ToString("F1", inv), (rate / floor).ToString("F2", inv), (rate / results["fp32"]).ToString("F2", inv));
            }
            var torchRate = TorchRate(model, stream, tokens);
            table.AddRow("TorchSharp fp32 recurrent", "", "", torchRate.ToString("F1", inv), "", "", (torchRate / results["fp32"]).ToString("F2", inv));
            AnsiConsole.Write(table);

            var int4Ratio = results["int4"] / results["fp32"];
            var torchRatio = results["fp32"] / torchRate;
            AnsiConsole.WriteLine(string.Create(inv, $"target int4 >= 2x runtime fp32: {int4Ratio:F2}x {(int4Ratio >= 2 ? "met" : "NOT met")}"));
            AnsiConsole.WriteLine(string.Create(inv, $"target runtime fp32 >= TorchSharp fp32 recurrence: {torchRatio:F2}x {(torchRatio >= 1 ? "met" : "NOT met")}"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double RuntimeRate(SpikeGptRuntime runtime, int[] stream, int tokens)
    {
        var state = runtime.NewState();
        var features = new float[runtime.Width];
        var logits = new float[runtime.VocabSize];
        for (var i = 0; i < 16; i++)
        {
            runtime.Step(stream[i], state, features);
            runtime.Logits(features, logits);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 16; i < 16 + tokens; i++)
        {
            runtime.Step(stream[i], state, features);
            runtime.Logits(features, logits);
        }
        return tokens / clock.Elapsed.TotalSeconds;
    }

    private static double TorchRate(Model.SpikeGpt model, int[] stream, int tokens)
    {
        model.eval();
        using var noGrad = no_grad();
        // The state of each step outlives the step's scope and is freed after the next step, here,
        // not by the finalizer thread (which may still be freeing tensors when the process exits).
        using var run = NewDisposeScope();
        var state = model.InitialState(1);
        double Run(int from, int to)
        {
            var clock = Stopwatch.StartNew();
            for (var i = from; i < to; i++)
            {
                using var scope = NewDisposeScope();
                var (features, next) = model.Step(tensor(new long[] { stream[i] }), state);
                var logits = model.LmLogits(features);
                _ = logits.data<float>()[0]; // forces the computation
                next.MoveToOuterDisposeScope();
                state.Dispose();
                state = next;
            }
            return (to - from) / clock.Elapsed.TotalSeconds;
        }
        Run(0, 16);
        return Run(16, 16 + tokens);
    }
}
