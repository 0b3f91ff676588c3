using QSLM.Data;
using QSLM.Model;
using QSLM.Model.Checkpoints;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;
using static TorchSharp.torch;

namespace QSLM.Cli.Verification;

/// <summary>How closely the board runtime follows the host's fake-quantized TorchSharp model on
/// WikiText-2: perplexity of both, the positions whose logits agree within
/// <see cref="RuntimeAgreement.LogitTolerance"/> of the largest logit there, and the divergences:
/// how many times the two went from agreeing to disagreeing — each a spike that fired on one side
/// and not the other, whose effect then lasts some tokens.</summary>
internal sealed record LmAgreement(string Format, long Tokens, double HostPerplexity, double RuntimePerplexity, long PositionsWithin, int Divergences, double WorstRelativeDifference)
{
    public double PerplexityDifference => RuntimePerplexity / HostPerplexity - 1;

    public double FractionWithin => (double)PositionsWithin / Tokens;
}

/// <summary>How often the runtime's SST-2 predictions equal the host's.</summary>
internal sealed record Sst2Agreement(string Format, int Sentences, int Identical, double HostAccuracy, double RuntimeAccuracy)
{
    public double FractionIdentical => (double)Identical / Sentences;
}

/// <summary>
/// Packs a checkpoint with one format for every tensor, fake-quantizes the host model with the same
/// codecs, and compares the two computations. Differences come only from float rounding in a
/// different order; where a LIF membrane sits within rounding of its threshold, one side may spike
/// and the other not, and that position's logits then differ by more than rounding.
/// </summary>
internal static class RuntimeAgreement
{
    public const double LogitTolerance = 1e-3;

    public static LmAgreement CompareLm(string checkpoint, string format, ReadOnlySpan<long> tokens, int startToken, string workFolder, RuntimeOptions options)
    {
        if (tokens.IsEmpty) throw new InputException("no tokens to compare");
        var packed = Path.Combine(workFolder, $"agreement-lm-{format}.qslm");
        using var host = PackAndFakeQuantize(checkpoint, null, format, packed);
        using var runtime = SpikeGptRuntime.Open(packed, options);

        var inputs = new long[tokens.Length];
        inputs[0] = startToken;
        tokens[..^1].CopyTo(inputs.AsSpan(1));
        var state = host.InitialState(1);
        var features = new float[runtime.Width];
        var logits = new float[runtime.VocabSize];
        var runtimeState = runtime.NewState();
        double hostNll = 0, runtimeNll = 0, worst = 0;
        long within = 0;
        var divergences = 0;
        var agreeing = true;
        const int chunk = 64;
        for (var start = 0; start < inputs.Length; start += chunk)
        {
            var length = Math.Min(chunk, inputs.Length - start);
            float[] hostLogits;
            using (NewDisposeScope())
            using (no_grad())
            {
                var (f, next) = host.Forward(tensor(inputs.AsSpan(start, length).ToArray()).reshape(1, length), state);
                hostLogits = host.LmLogits(f).to(ScalarType.Float32).data<float>().ToArray();
                state = next;
                state.MoveToOuterDisposeScope();
            }
            for (var t = 0; t < length; t++)
            {
                runtime.Step(checked((int)inputs[start + t]), runtimeState, features);
                runtime.Logits(features, logits);
                var reference = hostLogits.AsSpan(t * logits.Length, logits.Length);
                var target = checked((int)tokens[start + t]);
                hostNll += RuntimePerplexity.NegativeLogLikelihood(reference, target);
                runtimeNll += RuntimePerplexity.NegativeLogLikelihood(logits, target);
                var largest = 0.0;
                var difference = 0.0;
                for (var v = 0; v < logits.Length; v++)
                {
                    largest = Math.Max(largest, Math.Abs(reference[v]));
                    difference = Math.Max(difference, Math.Abs(reference[v] - logits[v]));
                }
                var relative = difference / Math.Max(largest, 1e-30);
                worst = Math.Max(worst, relative);
                if (relative <= LogitTolerance) within++;
                else if (agreeing) divergences++;
                agreeing = relative <= LogitTolerance;
            }
        }
        return new LmAgreement(format, tokens.Length, Math.Exp(hostNll / tokens.Length), Math.Exp(runtimeNll / tokens.Length), within, divergences, worst);
    }

    public static Sst2Agreement CompareSst2(string checkpoint, string embeddingFrom, string format, IReadOnlyList<Sst2Example> examples, string workFolder, RuntimeOptions options)
    {
        var packed = Path.Combine(workFolder, $"agreement-sst2-{format}.qslm");
        using var host = PackAndFakeQuantize(checkpoint, embeddingFrom, format, packed);
        using var runtime = SpikeGptRuntime.Open(packed, options);
        var hostResult = Sst2Evaluator.Evaluate(host, examples);
        var runtimeResult = RuntimeSst2.Evaluate(runtime, examples);
        var identical = hostResult.Predictions.Zip(runtimeResult.Predictions).Count(p => p.First == p.Second);
        return new Sst2Agreement(format, examples.Count, identical, hostResult.Accuracy, runtimeResult.Accuracy);
    }

    private static SpikeGpt PackAndFakeQuantize(string checkpoint, string? embeddingFrom, string format, string packedPath)
    {
        var model = SpikeGptCheckpoint.Load(checkpoint, embeddingFrom);
        try
        {
            model.eval();
            var assignment = PrecisionAssignment.Parse($"*={format}");
            ModelPacker.Pack(model, assignment, "agreement", packedPath);
            FakeQuantizer.Apply(model, assignment);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
