namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm bench runtime</c> once printed its whole table and then died with a segmentation fault at
/// exit: TorchSharp objects left to the finalizer were freed while libtorch tore itself down. The
/// command now frees its tensors itself and <c>qslm</c> runs pending finalizers before it returns.
/// </summary>
public sealed class BenchRuntimeCommandTests
{
    [Fact]
    public void Bench_runtime_prints_its_targets_and_the_peers_and_exits_zero_every_time()
    {
        for (var run = 0; run < 3; run++)
        {
            var result = QslmProcess.Run("bench", "runtime", "--tokens", "20", "--threads", "1", "--peer-shapes", "256x256");

            Assert.True(result.ExitCode == 0, $"run {run}: exit {result.ExitCode}: {result.StdErr}");
            Assert.Contains("TorchSharp fp32 recurrent", result.StdOut);
            Assert.Contains("target (in cache) runtime fp32 >= TorchSharp fp32 recurrence", result.StdOut);
            // ONNX Runtime loaded, ran both pairs and left the process to exit cleanly too.
            Assert.Contains("target int4_g32 at least as fast as MatMulNBits: slowest shape 256x256", result.StdOut);
            Assert.Contains("target int4_g32_a8 at least as fast as MatMulNBits: slowest shape 256x256", result.StdOut);
        }
    }
}
