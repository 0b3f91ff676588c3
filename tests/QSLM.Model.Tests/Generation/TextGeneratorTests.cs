using QSLM.Model.Generation;
using static TorchSharp.torch;

namespace QSLM.Model.Tests.Generation;

public class TextGeneratorTests
{
    [Fact]
    public void Greedy_continuation_picks_the_argmax_of_the_whole_sequence_forward()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float64);
        var prompt = new long[] { 5, 17, 2 };
        var generated = TextGenerator.Continue(model, prompt, 6);
        Assert.Equal(6, generated.Length);
        var all = prompt.Concat(generated).ToArray();
        using var _ = no_grad();
        var (features, _) = model.Forward(tensor(all).reshape(1, -1));
        var argmax = model.LmLogits(features).argmax(-1).reshape(-1).data<long>().ToArray();
        for (var i = 0; i < generated.Length; i++) Assert.Equal(argmax[prompt.Length - 1 + i], generated[i]);
    }

    [Fact]
    public void Sampling_is_reproducible_for_a_seed()
    {
        using var model = SpikeGptForwardTests.ActiveModel(dtype: ScalarType.Float32);
        var a = TextGenerator.Continue(model, [1, 2, 3], 10, temperature: 1.0, topK: 10, seed: 4);
        var b = TextGenerator.Continue(model, [1, 2, 3], 10, temperature: 1.0, topK: 10, seed: 4);
        Assert.Equal(a, b);
        Assert.All(a, id => Assert.InRange(id, 0, 39));
    }

    [Fact]
    public void An_empty_prompt_is_refused()
    {
        using var model = SpikeGptForwardTests.ActiveModel();
        Assert.Throws<ArgumentException>(() => TextGenerator.Continue(model, [], 3));
    }
}
