using System.Diagnostics;
using QSLM.Format.Formats;
using QSLM.Model.Quantization;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;
using static TorchSharp.torch;

namespace QSLM.Benchmarks;

/// <summary>
/// Tokens per second of the board runtime on fp32, int8 and int4 packings of one checkpoint, of the
/// TorchSharp fp32 recurrent forward on the same machine, and of the memory-bandwidth floor: a
/// token must read every weight it uses once, so it cannot take less than its weight bytes over the
/// read bandwidth, measured here as a vector sum over a buffer far larger than the caches (a matrix
/// product only reads its weights, so a copy, which also writes, would set the floor too low).
/// </summary>
internal static class RuntimeBenchmark
{
    private const long ReadBytes = 256L << 20;

    /// <summary>Read bandwidth in bytes per second: the median of 5 reads of 256 MiB, on the given threads
    /// (each reading its share, as the runtime's threads share a matrix's rows).</summary>
    public static double StreamingBandwidth(int threads = 1)
    {
        var source = new long[ReadBytes / sizeof(long)];
        Random.Shared.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(source.AsSpan()));
        var per = source.Length / threads;
        long sink = 0;
        var seconds = BenchTimer.MedianSeconds(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            Interlocked.Add(ref sink, Sum(source.AsSpan(t * per, per)))), 5);
        GC.KeepAlive(sink);
        return ReadBytes / seconds;
    }

    // Four independent vector sums, so that the loads, not the adds, bound the loop.
    private static long Sum(ReadOnlySpan<long> values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<long, System.Numerics.Vector<long>>(values);
        System.Numerics.Vector<long> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }
        for (; i < vectors.Length; i++) a += vectors[i];
        return System.Numerics.Vector.Sum(a + b + c + d);
    }

    /// <summary>Times <paramref name="tokens"/> tokens of each packing of <paramref name="subject"/> (every
    /// tensor in one of <paramref name="formats"/>, which holds fp32) and of its TorchSharp recurrence, all on
    /// the same seeded token stream.</summary>
    public static RuntimeBenchmarkResult Run(BenchModel subject, int tokens, int threads, double bandwidth, IReadOnlyList<string> formats)
    {
        var options = new RuntimeOptions(KernelPaths.Best, threads);
        var stream = new int[tokens + 16];
        var work = Directory.CreateTempSubdirectory("qslm-bench-").FullName;
        try
        {
            using var model = subject.Create();
            var random = new Random(1); // the same seeded stream for every variant
            for (var i = 0; i < stream.Length; i++) stream[i] = random.Next(model.Config.VocabSize);

            var variants = new List<RuntimeVariant>();
            foreach (var format in formats)
            {
                var path = Path.Combine(work, $"{format}.qslm");
                ModelPacker.Pack(model, PrecisionAssignment.Parse($"*={format}"), "bench", path);
                using var runtime = SpikeGptRuntime.Open(path, options);
                variants.Add(new RuntimeVariant(format, runtime.FileSize, runtime.WeightBytesPerToken(withHead: true), RuntimeRate(runtime, stream, tokens)));
            }
            return new RuntimeBenchmarkResult(bandwidth, variants, TorchRate(model, stream, tokens));
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
