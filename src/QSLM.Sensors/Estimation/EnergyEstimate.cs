using System.Globalization;
using QSLM.Sensors.Board;

namespace QSLM.Sensors.Estimation;

/// <summary>An energy estimate from counts and constants; always tagged <c>estimated:</c>, never a measurement.</summary>
public sealed record EnergyEstimate(SourceTag Source, long Tokens, double ComputeJoules, double MemoryJoules, string Citation)
{
    /// <summary>Compute plus memory.</summary>
    public double TotalJoules => ComputeJoules + MemoryJoules;

    /// <summary>Joules per token; NaN with no tokens.</summary>
    public double JoulesPerToken => Tokens > 0 ? TotalJoules / Tokens : double.NaN;

    /// <summary>One line with the tag and the split.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Source}: {JoulesPerToken * 1e6:F3} µJ/token over {Tokens} tokens (compute {ComputeJoules / Math.Max(1, Tokens) * 1e6:F3} µJ, weights from DRAM {MemoryJoules / Math.Max(1, Tokens) * 1e6:F3} µJ); {Citation}");
}

/// <summary>
/// Estimates energy for a board with no sensor: ACs × E_AC + float MACs × E_MAC + integer MACs × E_intMAC
/// + integer groups × E_scale + tokens × weight bytes per token × E_DRAM/byte, where the float MACs are the
/// MACs that are not integer ones (an A8 product's, <see cref="OperationTally.IntegerMultiplyAccumulates"/>). The memory term assumes every weight is read from DRAM once per token — right
/// for a model larger than the caches, an upper bound for one that fits.
/// </summary>
public static class EnergyEstimator
{
    /// <summary>The estimate for <paramref name="tally"/> under <paramref name="constants"/> (default: Horowitz 45 nm).</summary>
    public static EnergyEstimate Estimate(OperationTally tally, EnergyConstants? constants = null)
    {
        tally.Validate();
        var c = constants ?? EnergyConstants.Horowitz45nm;
        var floatMacs = tally.MultiplyAccumulates - tally.IntegerMultiplyAccumulates;
        var compute = (tally.Accumulates * c.AccumulatePicojoules + floatMacs * c.MultiplyAccumulatePicojoules
            + tally.IntegerMultiplyAccumulates * c.IntegerMultiplyAccumulatePicojoules + tally.IntegerGroupScalings * c.GroupScalingPicojoules) * 1e-12;
        var memory = (double)tally.Tokens * tally.WeightBytesPerToken * c.DramPicojoulesPerByte * 1e-12;
        return new EnergyEstimate(SourceTag.Estimated(c.Model), tally.Tokens, compute, memory, c.Citation);
    }
}
