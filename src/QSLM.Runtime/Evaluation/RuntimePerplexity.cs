using System.Runtime.CompilerServices;
using QSLM.Runtime.Inference;

namespace QSLM.Runtime.Evaluation;

/// <summary>Perplexity of a token stream and how many tokens it covered.</summary>
public sealed record RuntimePerplexityResult(double Perplexity, long Tokens, double MeanNll);

/// <summary>
/// Word-level perplexity the way the host's evaluator counts it: the stream is cut into
/// <c>streams</c> equal segments, each starts from <c>startToken</c> (<c>&lt;eos&gt;</c>) and
/// every token is predicted exactly once; log-softmax in double precision.
/// </summary>
public static class RuntimePerplexity
{
    /// <summary>Evaluates <paramref name="tokens"/>; <paramref name="progress"/> gets (done, total).</summary>
    public static RuntimePerplexityResult Evaluate(SpikeGptRuntime runtime, ReadOnlySpan<int> tokens, int startToken, int streams = 1, Action<long, long>? progress = null)
    {
        if (tokens.IsEmpty) throw new Errors.InputException("no tokens to evaluate");
        if (!runtime.HasLmHead) throw new Errors.InputException("this model has no LM head; perplexity needs a language model");
        streams = Math.Clamp(streams, 1, tokens.Length);
        var segment = (tokens.Length + streams - 1) / streams;
        var features = new float[runtime.Width];
        var logits = new float[runtime.VocabSize];
        double nll = 0;
        long done = 0;
        for (var s = 0; s < streams; s++)
        {
            var state = runtime.NewState();
            var end = Math.Min(tokens.Length, (s + 1) * segment);
            for (var index = s * segment; index < end; index++)
            {
                runtime.Step(index == s * segment ? startToken : tokens[index - 1], state, features);
                runtime.Logits(features, logits);
                nll += NegativeLogLikelihood(logits, tokens[index]);
                if (++done % 256 == 0) progress?.Invoke(done, tokens.Length);
            }
        }
        progress?.Invoke(done, tokens.Length);
        var mean = nll / tokens.Length;
        return new RuntimePerplexityResult(Math.Exp(mean), tokens.Length, mean);
    }

    /// <summary><c>−log softmax(logits)[target]</c>, computed stably in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double NegativeLogLikelihood(ReadOnlySpan<float> logits, int target)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        foreach (var l in logits) sum += Math.Exp(l - max);
        return -(logits[target] - max - Math.Log(sum));
    }
}
