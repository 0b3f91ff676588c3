using static TorchSharp.torch;

namespace QSLM.Model.Evaluation;

/// <summary>Result of a perplexity evaluation.</summary>
/// <param name="Perplexity">exp of the mean negative log-likelihood.</param>
/// <param name="Tokens">Tokens predicted (each counted once).</param>
/// <param name="MeanNll">Mean negative log-likelihood in nats.</param>
public sealed record PerplexityResult(double Perplexity, long Tokens, double MeanNll);

/// <summary>
/// Word-level perplexity over a token stream, every token predicted exactly once (the WikiText-2
/// test split gives 245,569 predictions). The stream is cut into <c>streams</c> contiguous
/// segments run side by side, each primed with <c>&lt;eos&gt;</c> (as a line boundary is), with the
/// recurrent state carried across chunks inside a segment.
/// </summary>
public static class PerplexityEvaluator
{
    /// <summary>Independent streams the tokens are split into, each started from the start token.</summary>
    public const int DefaultStreams = 16;

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="tokens"/>.</summary>
    public static PerplexityResult Evaluate(SpikeGpt model, long[] tokens, long startToken, int streams = DefaultStreams, int chunk = 128, Action<long, long>? progress = null)
    {
        if (tokens.Length == 0) throw new ArgumentException("no tokens to evaluate");
        streams = Math.Max(1, Math.Min(streams, tokens.Length));
        var segment = (tokens.Length + streams - 1) / streams;
        var inputs = new long[streams * segment];
        var targets = new long[streams * segment];
        var mask = new float[streams * segment];
        for (var s = 0; s < streams; s++)
        {
            for (var j = 0; j < segment; j++)
            {
                var index = s * segment + j;
                var at = s * segment + j;
                if (index < tokens.Length)
                {
                    targets[at] = tokens[index];
                    inputs[at] = j == 0 ? startToken : tokens[index - 1];
                    mask[at] = 1;
                }
                else
                {
                    inputs[at] = startToken;
                    targets[at] = startToken;
                }
            }
        }

        model.eval();
        using var _ = no_grad();
        // Every tensor is held by this scope (or a chunk's) until libtorch is done with it: one left
        // to the finalizer can be freed by the finalizer thread while libtorch still reads it.
        using var evaluation = NewDisposeScope();
        var inputTensor = tensor(inputs).reshape(streams, segment);
        var targetTensor = tensor(targets).reshape(streams, segment);
        var maskTensor = tensor(mask).reshape(streams, segment);
        var state = model.InitialState(streams);
        double nll = 0;
        for (var start = 0; start < segment; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, segment - start);
            var (features, next) = model.Forward(inputTensor.narrow(1, start, length), state);
            var logits = model.LmLogits(features);
            if (logits.dtype != ScalarType.Float64) logits = logits.to(ScalarType.Float32);
            var logProbs = nn.functional.log_softmax(logits, -1);
            var picked = logProbs.gather(-1, targetTensor.narrow(1, start, length).unsqueeze(-1)).squeeze(-1);
            nll -= (picked * maskTensor.narrow(1, start, length).to(picked.dtype)).sum().to(ScalarType.Float64).item<double>();
            var previous = state;
            state = next.Detach();
            state.MoveToOuterDisposeScope();
            previous.Dispose();
            progress?.Invoke(Math.Min((long)(start + length) * streams, tokens.Length), tokens.Length);
        }
        var mean = nll / tokens.Length;
        return new PerplexityResult(Math.Exp(mean), tokens.Length, mean);
    }
}
