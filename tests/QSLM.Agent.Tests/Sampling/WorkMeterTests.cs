using QSLM.Agent.Sampling;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;
using QSLM.Runtime.Tests;

namespace QSLM.Agent.Tests.Sampling;

/// <summary>The meter sums a runtime's operations across resets of its counters, and keeps them after the run.</summary>
public sealed class WorkMeterTests
{
    [Fact]
    public void Operations_accumulate_across_a_counter_reset_and_survive_the_detach()
    {
        using var temp = new TemporaryFolder();
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(temp.File("m.qslm"), layers: 1, width: 64, vocab: 50, format: "int8"), new RuntimeOptions(KernelPaths.Best, 1));
        var meter = new WorkMeter();
        meter.Attach(() => runtime.Counts);
        var state = runtime.NewState();
        var features = new float[64];
        for (var t = 0; t < 3; t++) runtime.Step(t, state, features);
        var warm = runtime.Counts.MultiplyAccumulates;
        var (before, _) = meter.Operations();
        runtime.ResetCounts();
        for (var t = 0; t < 2; t++) runtime.Step(t, state, features);
        var timed = runtime.Counts;
        meter.Detach();

        var (macs, accumulates) = meter.Operations();
        Assert.Equal(warm, before[8]);
        Assert.Equal(warm + timed.MultiplyAccumulates, macs[8]);
        Assert.Equal([8], macs.Keys);
        Assert.True(accumulates >= timed.Accumulates);
    }
}
