using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Synthetic;

/// <summary>
/// A synthetic stand-in for the host's fake-quantized model whose accuracy is a known function of
/// the precisions: each module loses its sensitivity times the harm of its format, so a test (or
/// <c>qslm bench search --synthetic</c>) knows which choices a good search must make. The embedding
/// is nearly immune (SpikeGPT only uses its sign) and the first block's attention key is fragile.
/// Its figures describe no real model.
/// </summary>
public sealed class SyntheticEvaluator(ModelHierarchy hierarchy) : ICandidateEvaluator
{
    /// <summary>The fp32 model's accuracy.</summary>
    public const double BaselineAccuracy = 0.80;

    private static readonly Dictionary<string, double> Harm = new()
    {
        ["fp32"] = 0, ["int8"] = 0.0002, ["int6"] = 0.0008, ["int4"] = 0.003, ["int3"] = 0.01, ["int2"] = 0.03, ["sign1"] = 0.08,
    };

    /// <summary>Evaluations so far.</summary>
    public int Calls { get; private set; }

    /// <summary>The synthetic precisions menu, highest first.</summary>
    public static IReadOnlyList<QuantFormat> Menu { get; } = new[] { "int8", "int6", "int4", "int3", "int2", "sign1" }.Select(QuantFormats.Get).ToList();

    /// <summary>How much accuracy a module loses per unit of its format's harm.</summary>
    public static double Sensitivity(string module) => module switch
    {
        "emb" => 0.02,
        "blocks.0.att.key" => 4,
        "head" or "cls" => 2,
        _ => 1,
    };

    /// <inheritdoc />
    public ValueTask<Evaluation> EvaluateAsync(Precisions precisions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Evaluate(precisions));
    }

    /// <summary>The synthetic metric and bytes of <paramref name="precisions"/>, at once.</summary>
    public Evaluation Evaluate(Precisions precisions)
    {
        Calls++;
        // An A8 format harms as its weight-only twin: this model's activations quantize without loss.
        var loss = hierarchy.Searchable.Sum(m => Sensitivity(m.Name) * Harm[QuantFormats.WeightOnly(precisions[m.Name]).Name]);
        return new Evaluation(BaselineAccuracy - loss, precisions.WeightBytes + 4096);
    }
}
