using QSLM.Model.Tensors;
using static TorchSharp.torch;

namespace QSLM.Model.Generation;

/// <summary>Continues a token sequence with the recurrent (token-by-token) forward: greedy when the
/// temperature is 0, otherwise sampled from the softmax at that temperature, optionally top-k.</summary>
public static class TextGenerator
{
    /// <summary>Returns <paramref name="count"/> new token ids following <paramref name="prompt"/>.</summary>
    public static long[] Continue(SpikeGpt model, IReadOnlyList<long> prompt, int count, double temperature = 0, int topK = 0, int seed = 1)
    {
        if (prompt.Count == 0) throw new ArgumentException("the prompt is empty");
        if (count < 0) throw new ArgumentException("the number of tokens to generate must not be negative");
        if (temperature < 0) throw new ArgumentException("temperature must not be negative");
        model.eval();
        using var _ = no_grad();
        // Every tensor is held by a dispose scope or a live local until libtorch is done with it, and
        // freed here: a temporary left to the finalizer can be freed while libtorch still reads it.
        using var generation = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator((ulong)seed);
        var state = model.InitialState(1);
        Tensor? features = null;
        foreach (var token in prompt) (features, state) = Advance(model, token, features, state);
        var output = new long[count];
        for (var i = 0; i < count; i++)
        {
            long next;
            using (NewDisposeScope())
            {
                var logits = model.LmLogits(features!).squeeze(0).to(ScalarType.Float32);
                if (temperature == 0)
                {
                    next = logits.argmax().item<long>();
                }
                else
                {
                    logits = logits.Over(temperature);
                    if (topK > 0 && topK < logits.shape[0])
                    {
                        var kth = logits.topk(topK).values[-1];
                        logits = logits.FilledWhere(logits.lt(kth), double.NegativeInfinity);
                    }
                    next = multinomial(nn.functional.softmax(logits, 0), 1, generator: generator).item<long>();
                }
            }
            output[i] = next;
            (features, state) = Advance(model, next, features, state);
        }
        return output;
    }

    // One recurrent step; the step's features and state outlive its scope, the previous ones are freed.
    private static (Tensor Features, SpikeGptState State) Advance(SpikeGpt model, long token, Tensor? features, SpikeGptState state)
    {
        using var step = NewDisposeScope();
        var (nextFeatures, next) = model.Step(tensor(new[] { token }), state);
        nextFeatures.MoveToOuterDisposeScope();
        next.MoveToOuterDisposeScope();
        features?.Dispose();
        state.Dispose();
        return (nextFeatures, next);
    }
}
