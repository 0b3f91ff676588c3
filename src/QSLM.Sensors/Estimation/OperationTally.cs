namespace QSLM.Sensors.Estimation;

/// <summary>
/// What the board runtime counted over a run (QSLM.Runtime's <c>OperationCounts</c> and
/// <c>SpikeGptRuntime.WeightBytesPerToken</c>), copied here as plain numbers so the sensing layer
/// does not depend on the runtime.
/// </summary>
/// <param name="Tokens">Tokens run.</param>
/// <param name="MultiplyAccumulates">Every multiply-accumulate, the integer ones included.</param>
/// <param name="Accumulates">Accumulates selected by spikes.</param>
/// <param name="WeightBytesPerToken">Weight bytes a token reads.</param>
/// <param name="IntegerMultiplyAccumulates">Of <paramref name="MultiplyAccumulates"/>, those of integer-activation
/// (A8) products: an 8-bit by at most 8-bit integer multiply into a 32-bit integer sum.</param>
/// <param name="IntegerGroupScalings">Groups of those integer products scaled back to float, each two float32
/// multiplies and a float32 add.</param>
public sealed record OperationTally(long Tokens, long MultiplyAccumulates, long Accumulates, long WeightBytesPerToken,
    long IntegerMultiplyAccumulates = 0, long IntegerGroupScalings = 0)
{
    /// <summary>Throws on negative counts, or more integer multiply-accumulates than multiply-accumulates.</summary>
    public void Validate()
    {
        if (Tokens < 0 || MultiplyAccumulates < 0 || Accumulates < 0 || WeightBytesPerToken < 0 || IntegerMultiplyAccumulates < 0 || IntegerGroupScalings < 0)
            throw new ArgumentException("operation counts cannot be negative");
        if (IntegerMultiplyAccumulates > MultiplyAccumulates)
            throw new ArgumentException("integer multiply-accumulates cannot outnumber all multiply-accumulates");
    }
}
