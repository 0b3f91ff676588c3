using QSLM.Benchmarks;
using QSLM.Cli.Rendering.Benchmarks;

namespace QSLM.Cli.Tests.Rendering.Benchmarks;

public sealed class RuntimeBenchmarkViewTests
{
    private static readonly RuntimeBenchmarkResult Measured = new(2e9,
        [new("fp32", 40_000_000, 40_000_000, 40), new("int8", 10_000_000, 10_000_000, 100), new("int4", 5_000_000, 5_000_000, 120)], 50);

    [Fact]
    public void Each_variant_is_set_against_its_bandwidth_floor_and_the_runtime_fp32()
    {
        var output = new BenchOutput();
        RuntimeBenchmarkView.Results(output.Console, Measured, beyondCache: false);
        Assert.Equal(["runtime fp32", "40.0", "40.00", "40.0", "1.60", "50.0", "0.80", "1.00"], output.Row("runtime fp32"));
        Assert.Equal(["runtime int4", "5.0", "5.00", "120.0", "0.60", "400.0", "0.30", "3.00"], output.Row("runtime int4"));
        Assert.Equal(["TorchSharp fp32 recurrent", "50.0", "1.25"], output.Row("TorchSharp fp32 recurrent"));
    }

    [Fact]
    public void Beyond_the_cache_the_targets_are_the_weight_only_and_a8_speed_ups_and_the_read_floor()
    {
        var result = new RuntimeBenchmarkResult(2e9,
            [new("fp32", 40_000_000, 40_000_000, 40), new("int8", 10_000_000, 10_000_000, 100), new("int4", 5_000_000, 5_000_000, 120), new("int4_a8", 5_000_000, 5_000_000, 170)], 50);
        var output = new BenchOutput();
        RuntimeBenchmarkView.Results(output.Console, result, beyondCache: true);
        Assert.Equal(
            [
                "target (beyond cache) every format >= runtime fp32: slowest int8 2.50x met",
                "target (beyond cache) int4 >= 3x runtime fp32: 3.00x met",
                "target (beyond cache) int4_a8 >= 4x runtime fp32: 4.25x met",
                "target (beyond cache) int8 within 1.5x of its read-bandwidth floor: 0.50 of floor NOT met",
                "target (beyond cache) int4 within 1.5x of its read-bandwidth floor: 0.30 of floor NOT met",
                "target (beyond cache) runtime fp32 >= TorchSharp fp32 recurrence: 0.80x NOT met",
            ],
            output.Lines.Where(l => l.StartsWith("target", StringComparison.Ordinal)));
    }

    [Fact]
    public void In_the_cache_the_targets_are_the_a8_speed_ups_and_no_floor_is_judged()
    {
        var result = new RuntimeBenchmarkResult(2e9,
            [new("fp32", 40_000_000, 40_000_000, 40), new("int4", 5_000_000, 5_000_000, 120), new("int4_a8", 5_000_000, 5_000_000, 100), new("int8_a8", 10_000_000, 10_000_000, 50)], 50);
        var output = new BenchOutput();
        RuntimeBenchmarkView.Results(output.Console, result, beyondCache: false);
        Assert.Equal(
            [
                "target (in cache) every format >= runtime fp32: slowest int8_a8 1.25x met",
                "target (in cache) every A8 format >= 1.5x runtime fp32: slowest int8_a8 1.25x NOT met",
                "target (in cache) int4_a8 >= 2x runtime fp32: 2.50x met",
                "target (in cache) runtime fp32 >= TorchSharp fp32 recurrence: 0.80x NOT met",
            ],
            output.Lines.Where(l => l.StartsWith("target", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_bandwidth_is_a_read_stream_in_gigabytes_per_second()
    {
        var output = new BenchOutput();
        RuntimeBenchmarkView.Bandwidth(output.Console, 12.345e9, 2);
        Assert.Equal(["streaming read: 12.35 GB/s (256 MiB, 2 thread(s), median of 5): the floor of a token is its weight bytes over this"], output.Lines);
    }
}
