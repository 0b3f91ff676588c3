using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using QSLM.Format.Codecs;
using QSLM.Format.Formats;
using QSLM.Runtime.Kernels;

namespace QSLM.Benchmarks.Peers;

/// <summary>
/// QSLM's 4-bit kernels against ONNX Runtime's <c>MatMulNBits</c> (the int4 matrix product ONNX Runtime's own
/// quantized LLMs run) on the same matrix shapes and thread count, one token (a matrix-vector product) at a time:
/// <c>int4_g32</c> against block size 32 at accuracy level 0 (float activations), <c>int4_g32_a8</c> against accuracy
/// level 4 (activations quantized to int8 per block). Each side quantizes the same random fp32 matrix to 4-bit codes in
/// blocks of 32 by its own rounding, so the two products agree to the quantization error, not bit for bit; the
/// relative difference is reported as a check that both computed the same product.
/// </summary>
public static class MatMulNBitsPeer
{
    /// <summary>The pairs timed: QSLM's format, and ONNX Runtime's accuracy level that does the same arithmetic.</summary>
    public static IReadOnlyList<(string Format, int AccuracyLevel)> Pairs { get; } = [("int4_g32", 0), ("int4_g32_a8", 4)];

    /// <summary>Times every pair on every shape (rows x columns of the weight).</summary>
    public static IReadOnlyList<PeerTiming> Run(IReadOnlyList<(int Rows, int Columns)> shapes, int threads, int repeats = 7)
    {
        var timings = new List<PeerTiming>();
        foreach (var (rows, columns) in shapes)
        {
            if (columns % 32 != 0) throw new ArgumentException($"a {rows}x{columns} weight: MatMulNBits blocks of 32 need columns a multiple of 32");
            var random = new Random(1);
            var weights = new float[rows * columns];
            for (var i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() * 2 - 1) * 0.05f;
            var x = new float[columns];
            for (var i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
            var (codes, scales) = Int4Blocks(weights, rows, columns);
            foreach (var (name, level) in Pairs)
            {
                var format = QuantFormats.Get(name);
                var ours = new float[rows];
                var packed = QuantCodecs.Encode(format, weights, rows, columns);
                var kernel = MatVecKernels.For(format, columns);
                var oursSeconds = PerCall(() => Multiply(kernel, packed, columns, x, ours, threads), repeats);

                var theirs = new float[rows];
                using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
                using var session = new InferenceSession(OnnxMatMulNBitsModel.Write(rows, columns, 4, 32, level, codes, scales), options);
                using var input = OrtValue.CreateTensorValueFromMemory(x, [1, columns]);
                using var output = OrtValue.CreateTensorValueFromMemory(theirs, [1, rows]);
                using var run = new RunOptions();
                var theirsSeconds = PerCall(() => session.Run(run, ["A"], [input], ["Y"], [output]), repeats);

                timings.Add(new PeerTiming(rows, columns, threads, name, oursSeconds * 1e6, $"MatMulNBits block 32, accuracy level {level}", theirsSeconds * 1e6, RelativeDifference(ours, theirs)));
            }
        }
        return timings;
    }

    /// <summary>MatMulNBits' 4-bit blocks of 32 (onnxruntime contrib_ops MatMulNBits): per row and block, a scale of
    /// the block's largest magnitude over 7 and codes <c>round(w / scale) + 8</c> in 0..15 (the default zero point 8),
    /// two per byte, the first in the low nibble.</summary>
    public static (byte[] Codes, float[] Scales) Int4Blocks(float[] weights, int rows, int columns)
    {
        var blocks = columns / 32;
        var codes = new byte[rows * blocks * 16];
        var scales = new float[rows * blocks];
        for (var r = 0; r < rows; r++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var block = weights.AsSpan(r * columns + b * 32, 32);
                var max = 0f;
                foreach (var w in block) max = Math.Max(max, Math.Abs(w));
                var scale = max / 7;
                scales[r * blocks + b] = scale;
                for (var i = 0; i < 32; i++)
                {
                    var q = scale == 0 ? 8 : Math.Clamp((int)MathF.Round(block[i] / scale) + 8, 0, 15);
                    codes[(r * blocks + b) * 16 + i / 2] |= (byte)(i % 2 == 0 ? q : q << 4);
                }
            }
        }
        return (codes, scales);
    }

    // The rows split between threads as the runtime splits them (QSLM.Runtime.Inference.PackedMatrix).
    private static void Multiply(IMatVecKernel kernel, byte[] packed, int columns, float[] x, float[] y, int threads)
    {
        var parts = Math.Max(1, Math.Min(threads, y.Length / 64));
        if (parts == 1)
        {
            kernel.Multiply(packed, columns, 0, x, y, KernelPaths.Best);
            return;
        }
        var per = (y.Length + parts - 1) / parts;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, t =>
        {
            var first = t * per;
            var count = Math.Min(per, y.Length - first);
            if (count > 0) kernel.Multiply(packed, columns, first, x, y.AsSpan(first, count), KernelPaths.Best);
        });
    }

    // Seconds per call: warm-up calls, then the median of repeats of a batch long enough (about 20 ms) to time.
    private static double PerCall(Action call, int repeats)
    {
        var clock = Stopwatch.StartNew();
        var warm = 0;
        while (warm < 10 || clock.Elapsed.TotalMilliseconds < 50)
        {
            call();
            warm++;
        }
        var batch = Math.Max(1, (int)(warm * 20 / clock.Elapsed.TotalMilliseconds));
        return BenchTimer.MedianSeconds(() =>
        {
            for (var i = 0; i < batch; i++) call();
        }, repeats) / batch;
    }

    private static double RelativeDifference(float[] a, float[] b)
    {
        double difference = 0, norm = 0;
        for (var i = 0; i < a.Length; i++)
        {
            difference += (a[i] - b[i]) * (double)(a[i] - b[i]);
            norm += b[i] * (double)b[i];
        }
        return Math.Sqrt(difference / Math.Max(norm, double.Epsilon));
    }
}
