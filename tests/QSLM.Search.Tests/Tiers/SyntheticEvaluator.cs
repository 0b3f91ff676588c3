using QSLM.Format.Formats;
using QSLM.Search.Hierarchy;
using QSLM.Search.Tiers;

namespace QSLM.Search.Tests.Tiers;

/// <summary>
/// A stand-in for the host's fake-quantized model whose accuracy is a known function of the
/// precisions: each module loses its sensitivity times the harm of its format, so tests know which
/// choices a correct search must make. The embedding is nearly immune (SpikeGPT only uses its sign)
/// and the first block's attention key is fragile.
/// </summary>
internal sealed class SyntheticEvaluator(ModelHierarchy hierarchy, int failAfter = int.MaxValue) : ICandidateEvaluator
{
    public const double BaselineAccuracy = 0.80;

    private static readonly Dictionary<string, double> Harm = new()
    {
        ["fp32"] = 0, ["int8"] = 0.0002, ["int6"] = 0.0008, ["int4"] = 0.003, ["int3"] = 0.01, ["int2"] = 0.03, ["sign1"] = 0.08,
    };

    public int Calls { get; private set; }

    public static double Sensitivity(string module) => module switch
    {
        "emb" => 0.02,
        "blocks.0.att.key" => 4,
        "head" or "cls" => 2,
        _ => 1,
    };

    public Evaluation Evaluate(Precisions precisions)
    {
        if (Calls == failAfter) throw new IOException("synthetic evaluator killed");
        Calls++;
        var loss = hierarchy.Searchable.Sum(m => Sensitivity(m.Name) * Harm[precisions[m.Name].Name]);
        return new Evaluation(BaselineAccuracy - loss, precisions.WeightBytes + 4096);
    }

    public static IReadOnlyList<QuantFormat> Menu { get; } = new[] { "int8", "int6", "int4", "int3", "int2", "sign1" }.Select(QuantFormats.Get).ToList();
}
