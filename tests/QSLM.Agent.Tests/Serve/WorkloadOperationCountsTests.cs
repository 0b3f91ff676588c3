using QSLM.Format.Formats;
using QSLM.Format.Packed;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Serve;

/// <summary>What a run tells the host about the arithmetic it did, which the host prices when no meter is fitted.</summary>
public sealed class WorkloadOperationCountsTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-workload-counts-");

    public void Dispose() => _temp.Dispose();

    // One block of width 32 (one group of 32 per row), an LM head; every matrix in `matrices`.
    private static byte[] Model(string path, string matrices)
    {
        var architecture = new ArchitectureConfig("SpikeGPT", 1, 32, 16, true, 0);
        var random = new Random(5);
        var tensors = SpikeGptTensors.Of(architecture).Select(t =>
        {
            var count = (int)t.Shape.Aggregate(1L, (a, b) => a * b);
            var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.5f + (t.Shape.Length == 1 && t.Name.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f)).ToArray();
            var format = t.Shape.Length == 2 && t.Name != "emb.weight" ? matrices : "fp32";
            return new PackedModelWriter.TensorData(new PackedFileLayout.TensorSpec(t.Name, t.Shape, QuantFormats.Get(format)), values);
        }).ToList();
        PackedModelWriter.Write(path, architecture, "counts", tensors);
        return File.ReadAllBytes(path);
    }

    private async Task<RunResult> RunAsync(string matrices)
    {
        var agent = new ScriptedAgent(_temp.File("agent-" + matrices));
        var model = Model(_temp.File(matrices + ".qslm"), matrices);
        await agent.PutAsync(model);
        return Assert.IsType<RunResult>(await agent.AskAsync(new RunWorkload(ScriptedAgent.Sha(model), 4, 1, 2, 1, 1)));
    }

    [Fact]
    public async Task A8_products_are_reported_as_integer_multiply_accumulates_and_weight_only_ones_are_not()
    {
        var a8 = await RunAsync("int8_a8");
        var weightOnly = await RunAsync("int8");

        Assert.True(a8.IntegerMultiplyAccumulates > 0, "an A8 model reported no integer multiply-accumulate");
        Assert.True(a8.IntegerMultiplyAccumulates <= a8.MultiplyAccumulates);
        // Each scaled group is 32 integer products of one row.
        Assert.Equal(a8.IntegerMultiplyAccumulates, 32 * a8.IntegerGroupScalings);
        Assert.Equal(0, weightOnly.IntegerMultiplyAccumulates);
        Assert.Equal(weightOnly.MultiplyAccumulates, a8.MultiplyAccumulates);
    }
}
