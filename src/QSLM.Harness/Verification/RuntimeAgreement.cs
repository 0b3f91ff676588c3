using QSLM.Data;
using QSLM.Errors;
using QSLM.Format.Formats;
using QSLM.Model;
using QSLM.Model.Checkpoints;
using QSLM.Model.Evaluation;
using QSLM.Model.Quantization;
using QSLM.Runtime.Evaluation;
using QSLM.Runtime.Inference;
using static TorchSharp.torch;

namespace QSLM.Harness.Verification;

/// <summary>How closely the board runtime follows the host's fake-quantized TorchSharp model
/// (token by token) on WikiText-2: perplexity of both; the positions whose logits agree within
/// <see cref="RuntimeAgreement.LogitTolerance"/> of the largest logit there, both free-running (each
/// side carries its own state) and synchronised (the runtime starts every step from the host's
/// state); and the divergences of the free-running pair: how many times the two went from agreeing
/// to disagreeing. A divergence is a spike that fired on one side and not the other; its effect
/// lasts as long as the recurrent state remembers it, which in the free-running pair can be
/// hundreds of tokens, and in the synchronised pair one.</summary>
public sealed record LmAgreement(string Format, long Tokens, double HostPerplexity, double RuntimePerplexity, long PositionsWithin,
    int Divergences, int? FirstDivergence, long SynchronisedWithin, double WorstRelativeDifference)
{
    public double PerplexityDifference => RuntimePerplexity / HostPerplexity - 1;

    public double FractionWithin => (double)PositionsWithin / Tokens;

    public double SynchronisedFractionWithin => (double)SynchronisedWithin / Tokens;
}

/// <summary>How often the runtime's SST-2 predictions equal the host's.</summary>
public sealed record Sst2Agreement(string Format, int Sentences, int Identical, double HostAccuracy, double RuntimeAccuracy)
{
    public double FractionIdentical => (double)Identical / Sentences;
}

/// <summary>
/// Packs a checkpoint with one format for every tensor, fake-quantizes the host model with the same
/// codecs, and compares the two computations. Differences come only from float rounding in a
/// different order; where a LIF membrane sits within rounding of its threshold, one side may spike
/// and the other not, and that position's logits then differ by more than rounding.
/// </summary>
public static class RuntimeAgreement
{
    public const double LogitTolerance = 1e-3;

    public static LmAgreement CompareLm(string checkpoint, string format, ReadOnlySpan<long> tokens, int startToken, string workFolder, RuntimeOptions options)
    {
        if (tokens.IsEmpty) throw new InputException("no tokens to compare");
        var packed = Path.Combine(workFolder, $"agreement-lm-{format}.qslm");
        using var host = PackAndFakeQuantize(checkpoint, null, format, packed);
        using var runtime = SpikeGptRuntime.Open(packed, options);

        var features = new float[runtime.Width];
        var logits = new float[runtime.VocabSize];
        var free = runtime.NewState();
        var synchronised = runtime.NewState();
        var state = host.InitialState(1);
        double hostNll = 0, runtimeNll = 0, worst = 0;
        long within = 0, synchronisedWithin = 0;
        var divergences = 0;
        int? firstDivergence = null;
        var agreeing = true;
        var input = (long)startToken;
        for (var t = 0; t < tokens.Length; t++)
        {
            // The synchronised runtime starts every step from the host's state, so a spike that
            // flips at its threshold changes only that step instead of every step after it.
            CopyState(state, synchronised);
            float[] reference;
            using (NewDisposeScope())
            using (no_grad())
            {
                var (f, next) = host.Step(tensor(new[] { input }), state);
                reference = host.LmLogits(f).to(ScalarType.Float32).data<float>().ToArray();
                next.MoveToOuterDisposeScope();
                state.Dispose();
                state = next;
            }
            var target = checked((int)tokens[t]);
            hostNll += RuntimePerplexity.NegativeLogLikelihood(reference, target);

            runtime.Step(checked((int)input), synchronised, features);
            runtime.Logits(features, logits);
            if (RelativeDifference(reference, logits) <= LogitTolerance) synchronisedWithin++;

            runtime.Step(checked((int)input), free, features);
            runtime.Logits(features, logits);
            runtimeNll += RuntimePerplexity.NegativeLogLikelihood(logits, target);
            var relative = RelativeDifference(reference, logits);
            worst = Math.Max(worst, relative);
            if (relative <= LogitTolerance) within++;
            else if (agreeing)
            {
                divergences++;
                firstDivergence ??= t;
            }
            agreeing = relative <= LogitTolerance;
            input = tokens[t];
        }
        state.Dispose();
        return new LmAgreement(format, tokens.Length, Math.Exp(hostNll / tokens.Length), Math.Exp(runtimeNll / tokens.Length),
            within, divergences, firstDivergence, synchronisedWithin, worst);
    }

    // Largest absolute logit difference over the largest absolute host logit.
    private static double RelativeDifference(ReadOnlySpan<float> reference, ReadOnlySpan<float> logits)
    {
        double largest = 0, difference = 0;
        for (var v = 0; v < logits.Length; v++)
        {
            largest = Math.Max(largest, Math.Abs(reference[v]));
            difference = Math.Max(difference, Math.Abs(reference[v] - logits[v]));
        }
        return difference / Math.Max(largest, 1e-30);
    }

    private static void CopyState(SpikeGptState host, RuntimeState runtime)
    {
        for (var layer = 0; layer < runtime.Layers.Count; layer++)
        {
            var from = host.Layers[layer];
            var to = runtime.Layers[layer];
            Copy(from.AttShift, to.AttShift);
            Copy(from.WkvNumerator, to.Numerator);
            Copy(from.WkvDenominator, to.Denominator);
            Copy(from.WkvMax, to.Max);
            Copy(from.FfnShift, to.FfnShift);
            Copy(from.AttMembrane, to.AttMembrane);
            Copy(from.FfnMembrane, to.FfnMembrane);
        }
    }

    private static void Copy(Tensor from, float[] to)
    {
        using var values = from.to(ScalarType.Float32).contiguous();
        values.data<float>().CopyTo(to);
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
