using System.Globalization;
using QSLM.Benchmarks.Peers;
using Spectre.Console;

namespace QSLM.Cli.Rendering.Benchmarks;

/// <summary>Renders the peer part of <c>qslm bench runtime</c>: QSLM's 4-bit kernels against ONNX Runtime's
/// <c>MatMulNBits</c>, per shape, and whether the target (at least as fast) is met.</summary>
internal static class PeerBenchmarkView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Header(IAnsiConsole console, int threads) =>
        console.WriteLine(string.Create(Inv, $"peer: ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()} MatMulNBits (4-bit, blocks of 32) on the same shapes, one token per product, {threads} thread(s)"));

    public static void Results(IAnsiConsole console, IReadOnlyList<PeerTiming> timings)
    {
        var table = new Table().AddColumns("weight", "QSLM", "µs", "ONNX Runtime", "µs", "QSLM speed-up", "relative difference");
        foreach (var t in timings)
        {
            table.AddRow(string.Create(Inv, $"{t.Rows}x{t.Columns}"), t.Format, t.OursMicroseconds.ToString("F1", Inv), t.Peer, t.PeerMicroseconds.ToString("F1", Inv),
                t.Speedup.ToString("F2", Inv), t.RelativeDifference.ToString("0.###%", Inv));
        }
        console.Write(table);
        foreach (var format in timings.Select(t => t.Format).Distinct())
        {
            var slowest = timings.Where(t => t.Format == format).MinBy(t => t.Speedup)!;
            console.WriteLine(string.Create(Inv,
                $"target {format} at least as fast as MatMulNBits: slowest shape {slowest.Rows}x{slowest.Columns} {slowest.Speedup:F2}x {(slowest.Speedup >= 1 ? "met" : "NOT met")}"));
        }
    }
}
