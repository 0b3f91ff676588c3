using QSLM.Benchmarks;
using QSLM.Cli.Rendering.Benchmarks;

namespace QSLM.Cli.Tests.Rendering.Benchmarks;

public sealed class PackBenchmarkViewTests
{
    [Fact]
    public void The_header_names_the_tensor_and_the_machine()
    {
        var output = new BenchOutput();
        PackBenchmarkView.Header(output.Console, 2048, 4096, 5, "a machine");
        Assert.Equal(["bench pack: 2048x4096 fp32 weights (33.6 MB), median of 5 runs after a warm-up", "machine: a machine"], output.Lines);
    }

    [Fact]
    public void Each_operation_gets_its_throughput_time_and_ratio_to_the_copy()
    {
        var output = new BenchOutput();
        PackBenchmarkView.Results(output.Console, new PackBenchmarkResult(8, 0.002, [new("copy (baseline)", 0.002), new("pack int8", 0.004)]));
        Assert.Equal(["operation", "MB/s of fp32", "time (ms)", "copy time / time"], output.Row("operation"));
        Assert.Equal(["copy (baseline)", "4000", "2.00", "1.0000"], output.Row("copy (baseline)"));
        Assert.Equal(["pack int8", "2000", "4.00", "0.5000"], output.Row("pack int8"));
    }
}
