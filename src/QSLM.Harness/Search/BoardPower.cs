using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;
using QSLM.Sensors.Estimation;
using QSLM.Sensors.Statistics;

namespace QSLM.Harness.Search;

/// <summary>Power and energy per token of one run on the board, with their source.</summary>
/// <param name="Watts">Mean power over the timed repeats.</param>
/// <param name="Ci95Watts">Half-width of its 95% interval over repeats (Student's t), if more than one repeat.</param>
/// <param name="JoulesPerToken">Energy per token.</param>
/// <param name="Source">measured:, simulated: or estimated:.</param>
public sealed record BoardPower(double Watts, double? Ci95Watts, double JoulesPerToken, SourceTag Source)
{
    /// <summary>
    /// For a board with no sensor: the run's counted operations (integer A8 multiply-accumulates apart from float
    /// ones) and the weight bytes each token reads, priced by <see cref="EnergyEstimator"/> (Horowitz, ISSCC 2014, 45 nm), over each repeat's
    /// measured time. Always labelled estimated.
    /// </summary>
    public static BoardPower Estimate(RunResult run, long weightBytesPerToken)
    {
        var tokens = (long)run.Tokens * run.RepeatSeconds.Count;
        var estimate = EnergyEstimator.Estimate(new OperationTally(tokens, run.MultiplyAccumulates, run.Accumulates, weightBytesPerToken,
            run.IntegerMultiplyAccumulates, run.IntegerGroupScalings));
        var perToken = estimate.JoulesPerToken;
        var watts = run.RepeatSeconds.Select(s => perToken * run.Tokens / s).ToList();
        var (mean, half) = StudentInterval.Of(watts);
        return new BoardPower(mean, half, perToken, estimate.Source);
    }
}
