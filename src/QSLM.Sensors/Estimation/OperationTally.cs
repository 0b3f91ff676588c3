namespace QSLM.Sensors.Estimation;

/// <summary>
/// What the board runtime counted over a run (QSLM.Runtime's <c>OperationCounts</c> and
/// <c>SpikeGptRuntime.WeightBytesPerToken</c>), copied here as plain numbers so the sensing layer
/// does not depend on the runtime.
/// </summary>
public sealed record OperationTally(long Tokens, long MultiplyAccumulates, long Accumulates, long WeightBytesPerToken)
{
    /// <summary>Throws on negative counts.</summary>
    public void Validate()
    {
        if (Tokens < 0 || MultiplyAccumulates < 0 || Accumulates < 0 || WeightBytesPerToken < 0)
            throw new ArgumentException("operation counts cannot be negative");
    }
}
