using QSLM.Data;
using QSLM.Errors;
using QSLM.Format.Packed;
using QSLM.Format.Tests.Packed;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;
using QSLM.Runtime.Kernels;

namespace QSLM.Runtime.Tests.Inference;

public sealed class SpikeGptRuntimeTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-runtime-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Counts_one_multiply_accumulate_per_weight_used_and_one_accumulate_per_spike()
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("lm.qslm"), layers: 2, width: 64, vocab: 50), new RuntimeOptions(KernelPaths.Best, 1));
        var state = runtime.NewState();
        var features = new float[64];
        var logits = new float[50];
        for (var t = 0; t < 30; t++)
        {
            runtime.Step(t % 50, state, features);
            runtime.Logits(features, logits);
        }
        var c = runtime.Counts;
        var perToken = 2L * (5 * 64 * 64 + 2 * 4 * 64 * 64) + 50 * 64;
        Assert.Equal(30, c.Tokens);
        Assert.Equal(30 * perToken, c.MultiplyAccumulates);
        Assert.Equal(c.EmbeddingSpikes + c.Spikes.Sum(), c.Accumulates);
        Assert.Equal(4, c.Spikes.Length);
        for (var layer = 0; layer < 4; layer++)
            Assert.InRange(c.SpikeRate(layer), 0.01, 0.99);
        Assert.InRange(c.EmbeddingSpikeRate, 0.2, 0.8);
    }

    [Theory]
    [InlineData("int4_g32_a8", true)]
    [InlineData("int4_g32", false)]
    public void Integer_activation_products_count_their_multiply_accumulates_and_scaled_groups_as_integer_ones(string format, bool integer)
    {
        var c = CountsOfFiveTokens(format);
        // Per token: five 64×64 products and ffn key (256×64) of 2 input groups per row, ffn value (64×256) of 8, the head (50×64) of 2.
        var groups = 5L * ((5 * 64 * 2) + (256 * 2) + (64 * 8) + (50 * 2));
        Assert.Equal(integer ? c.MultiplyAccumulates : 0, c.IntegerMultiplyAccumulates);
        Assert.Equal(integer ? groups : 0, c.IntegerGroupScalings);
    }

    [Fact]
    public void Multiply_accumulates_are_counted_by_the_bit_width_of_their_weights()
    {
        var c = CountsOfFiveTokens("int4");
        Assert.Equal(5 * ((5 * 64 * 64 + 2 * 4 * 64 * 64) + 50 * 64), c.MultiplyAccumulatesOfWeightBits(4));
        Assert.Equal(0, c.MultiplyAccumulatesOfWeightBits(32));
        Assert.Equal(new Dictionary<int, long> { [4] = c.MultiplyAccumulates }, c.MultiplyAccumulatesByWeightBits);
    }

    [Fact]
    public void Operation_counts_read_from_another_thread_only_grow_while_the_runtime_runs()
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("fp32.qslm"), layers: 1, width: 64, vocab: 50), new RuntimeOptions(KernelPaths.Best, 1));
        var counts = runtime.Counts;
        var seen = new List<(long Macs, long Of32, long Accumulates)>();
        using var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            while (!done.IsSet) seen.Add((counts.MultiplyAccumulates, counts.MultiplyAccumulatesOfWeightBits(32), counts.Accumulates));
        });
        reader.Start();
        var state = runtime.NewState();
        var features = new float[64];
        for (var t = 0; t < 200; t++) runtime.Step(t % 50, state, features);
        done.Set();
        reader.Join();
        Assert.NotEmpty(seen);
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Macs >= seen[i - 1].Macs && seen[i].Accumulates >= seen[i - 1].Accumulates, $"a count went down between reads {i - 1} and {i}");
        }
        Assert.Equal(counts.MultiplyAccumulates, counts.MultiplyAccumulatesOfWeightBits(32));
        Assert.Equal(200L * (5 * 64 * 64 + 2 * 4 * 64 * 64), counts.MultiplyAccumulates);
    }

    [Fact]
    public void A_fresh_state_replays_a_stream_exactly_and_a_carried_state_changes_the_output()
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("lm.qslm")));
        float[] Run(RuntimeState state)
        {
            var features = new float[runtime.Width];
            foreach (var t in new[] { 3, 9, 27, 4, 4, 11 }) runtime.Step(t, state, features);
            return features;
        }
        var first = Run(runtime.NewState());
        Assert.Equal(first, Run(runtime.NewState()));
        var carried = runtime.NewState();
        Run(carried);
        Assert.NotEqual(first, Run(carried));
    }

    [Fact]
    public void The_scalar_reference_and_the_vector_kernels_give_the_same_perplexity_on_a_4_bit_model()
    {
        var path = TinySpikeGpt.Write(_temp.File("lm4.qslm"), format: "int4_g32");
        var tokens = Enumerable.Range(0, 80).Select(i => i * 7 % 50).ToArray();
        double Perplexity(KernelPath kernel)
        {
            using var runtime = SpikeGptRuntime.Open(path, new RuntimeOptions(kernel, 1));
            return RuntimePerplexity.Evaluate(runtime, tokens, 0).Perplexity;
        }
        var reference = Perplexity(KernelPath.Scalar);
        foreach (var kernel in KernelPaths.Supported)
            Assert.True(Math.Abs(Perplexity(kernel) / reference - 1) < 1e-3, $"{kernel}");
    }

    [Fact]
    public void Several_threads_give_the_same_logits_as_one()
    {
        var path = TinySpikeGpt.Write(_temp.File("wide.qslm"), layers: 1, width: 64, vocab: 20_000, format: "int8");
        float[] Logits(int threads)
        {
            using var runtime = SpikeGptRuntime.Open(path, new RuntimeOptions(KernelPaths.Best, threads));
            var features = new float[64];
            var logits = new float[20_000];
            runtime.Step(5, runtime.NewState(), features);
            runtime.Logits(features, logits);
            return logits;
        }
        Assert.Equal(Logits(1), Logits(4));
    }

    [Fact]
    public void Classifies_a_sentence_from_the_mean_of_its_features()
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("cls.qslm"), lmHead: false, classes: 2));
        var logits = runtime.Classify([1, 2, 3]);
        Assert.Equal(2, logits.Length);
        Assert.Equal(logits, runtime.Classify([1, 2, 3]));
        Assert.NotEqual(logits, runtime.Classify([3, 2, 1]));
    }

    [Fact]
    public void A_token_outside_the_vocabulary_is_refused_with_the_valid_range()
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("lm.qslm"), vocab: 50));
        var error = Assert.Throws<InputException>(() => runtime.Step(50, runtime.NewState(), new float[runtime.Width]));
        Assert.Contains("0..49", error.Message);
        Assert.Throws<InputException>(() => runtime.Step(-1, runtime.NewState(), new float[runtime.Width]));
    }

    [Fact]
    public void Empty_inputs_are_refused_with_a_clear_message()
    {
        using var lm = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("lm.qslm")));
        Assert.Contains("no tokens", Assert.Throws<InputException>(() => RuntimePerplexity.Evaluate(lm, [], 0)).Message);
        using var cls = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("cls.qslm"), lmHead: false, classes: 2));
        Assert.Contains("empty sentence", Assert.Throws<InputException>(() => cls.Classify([])).Message);
        Assert.Contains("no sentences", Assert.Throws<InputException>(() => RuntimeSst2.Evaluate(cls, [])).Message);
    }

    [Fact]
    public void Asking_a_model_for_a_head_it_lacks_is_refused()
    {
        using var cls = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("cls.qslm"), lmHead: false, classes: 2));
        Assert.Contains("no LM head", Assert.Throws<InputException>(() => RuntimePerplexity.Evaluate(cls, [1, 2], 0)).Message);
        using var lm = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File("lm.qslm")));
        Assert.Contains("no classification head", Assert.Throws<InputException>(() => RuntimeSst2.Evaluate(lm, [new Sst2Example("a", [1], 0)])).Message);
    }

    [Fact]
    public void A_corrupted_file_is_refused_before_anything_runs()
    {
        var path = TinySpikeGpt.Write(_temp.File("lm.qslm"));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<PackedFileException>(() => SpikeGptRuntime.Open(path));
    }

    [Fact]
    public void A_manifest_that_claims_more_blocks_than_the_file_holds_is_refused_by_name()
    {
        var source = TinySpikeGpt.Write(_temp.File("lm.qslm"), layers: 2);
        // The writer packs only a consistent model, so the lies are forged into a re-signed copy.
        File.Copy(source, _temp.File("claims3.qslm"));
        PackedForge.Forge(_temp.File("claims3.qslm"), m => m with { Architecture = m.Architecture with { Layers = 3 } });
        File.Copy(source, _temp.File("wide.qslm"));
        PackedForge.Forge(_temp.File("wide.qslm"), m => m with { Architecture = m.Architecture with { Width = 32 } });
        Assert.Contains("lacks blocks.2.", Assert.Throws<PackedFileException>(() => SpikeGptRuntime.Open(_temp.File("claims3.qslm"))).Message);
        Assert.Contains("expected [50, 32]", Assert.Throws<PackedFileException>(() => SpikeGptRuntime.Open(_temp.File("wide.qslm"))).Message);
    }

    // The counts of a one-block, 64-wide model of 50 words in format after five tokens and their logits.
    private OperationCounts CountsOfFiveTokens(string format)
    {
        using var runtime = SpikeGptRuntime.Open(TinySpikeGpt.Write(_temp.File(format + ".qslm"), layers: 1, width: 64, vocab: 50, format: format), new RuntimeOptions(KernelPaths.Best, 1));
        var state = runtime.NewState();
        var features = new float[64];
        var logits = new float[50];
        for (var t = 0; t < 5; t++)
        {
            runtime.Step(t, state, features);
            runtime.Logits(features, logits);
        }
        return runtime.Counts;
    }
}
