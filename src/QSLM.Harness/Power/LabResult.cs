using QSLM.Search.Board;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Power;

/// <summary>
/// What a lab measurement found: the idle power of the run, each candidate's figures, the candidate's saving
/// against the baseline paired per repeat, every window, and how the meter's samples were aligned.
/// </summary>
/// <param name="Source">The meter's tag: the provenance of every figure.</param>
/// <param name="Quick">Whether the windows followed the quick rules (shorter or fewer than a lab accepts).</param>
/// <param name="IdleWatts">Idle power, measured in the same run.</param>
/// <param name="IdleSamples">Samples of the idle window.</param>
/// <param name="Baseline">The baseline's figures (A).</param>
/// <param name="Candidate">The candidate's figures (B), when one was measured.</param>
/// <param name="Saving">Mean over the repeats of <c>1 − E_B/E_A</c> on energy per token, idle included (what the board
/// draws per token), each repeat's pair compared with itself; null without a candidate.</param>
/// <param name="SavingCi95">Its 95% half-width by Student's t over the pairs (null for one pair).</param>
/// <param name="NetSaving">The same on energy per token above idle (the work alone).</param>
/// <param name="NetSavingCi95">Its 95% half-width.</param>
/// <param name="Windows">Every window in run order, the idle window first, discarded ones included.</param>
/// <param name="Clock">The clock fit, for a meter on the host; null for a meter on the board (one clock).</param>
public sealed record LabResult(
    SourceTag Source,
    bool Quick,
    double IdleWatts,
    int IdleSamples,
    LabSideSummary Baseline,
    LabSideSummary? Candidate,
    double? Saving,
    double? SavingCi95,
    double? NetSaving,
    double? NetSavingCi95,
    IReadOnlyList<LabWindow> Windows,
    ClockSync? Clock)
{
    /// <summary>The most a host meter's window edges can be off the agent's marks, in seconds; null for a board meter.</summary>
    public double? AlignmentErrorSeconds => Clock?.ErrorBoundSeconds;

    /// <summary>
    /// One side's figures as the search records them. Power and energy are the median gross figures (what the board
    /// draws) with their intervals, the net ones beside them; the saving goes to the candidate. Figures the windows do
    /// not give (the board's metric, its memory) come from <paramref name="onto"/>, the check run's measurement, as
    /// does its latency when given; otherwise the windows' latency is used.
    /// </summary>
    public BoardMeasurement ToBoardMeasurement(LabSide side, BoardMeasurement? onto = null)
    {
        var summary = side == LabSide.Baseline ? Baseline : Candidate ?? throw new InvalidOperationException("no candidate was measured");
        var latency = onto?.LatencyMs ?? summary.LatencyMs;
        return new BoardMeasurement(onto?.BoardValue, latency, onto?.PeakRssBytes, summary.GrossWatts, summary.GrossWattsCi95, summary.GrossJoulesPerToken, Source, onto?.Failure)
        {
            EnergyCi95JoulesPerToken = summary.GrossJoulesPerTokenCi95,
            IdleWatts = IdleWatts,
            NetWatts = summary.NetWatts,
            NetJoulesPerToken = summary.NetJoulesPerToken,
            Saving = side == LabSide.Candidate ? Saving : null,
            SavingCi95 = side == LabSide.Candidate ? SavingCi95 : null,
            Windows = summary.Windows,
            WindowSeconds = summary.WindowSeconds,
            Quick = Quick,
            ThrottledWindows = summary.ThrottledWindows,
        };
    }
}
