using QSLM.Search.Results;
using QSLM.Sensors.Board;

namespace QSLM.Search.Board;

/// <summary>
/// What a board said of one candidate. Every power and energy figure carries
/// <see cref="PowerSource"/> (<c>measured:&lt;sensor&gt;</c>, <c>simulated:&lt;model&gt;</c> or
/// <c>estimated:&lt;model&gt;</c>); a figure that was not obtained is null, never zero.
/// </summary>
/// <param name="BoardValue">The metric the board computed on the deployed file (its on-board check).</param>
/// <param name="LatencyMs">Median milliseconds per token of the timed repeats.</param>
/// <param name="PeakRssBytes">Peak resident memory of the agent.</param>
/// <param name="PowerWatts">Mean power over the timed repeats.</param>
/// <param name="PowerCi95Watts">Half-width of the 95% confidence interval of the mean power over repeats.</param>
/// <param name="EnergyJoulesPerToken">Energy per token.</param>
/// <param name="PowerSource">Where the power and energy figures come from.</param>
/// <param name="Failure">Why the candidate failed on the board (it would not load, crashed, ran out of
/// memory, or gave a wrong answer), or null when it ran and checked out.</param>
public sealed record BoardMeasurement(
    double? BoardValue,
    double? LatencyMs,
    long? PeakRssBytes,
    double? PowerWatts,
    double? PowerCi95Watts,
    double? EnergyJoulesPerToken,
    SourceTag? PowerSource,
    string? Failure = null)
{
    /// <summary>Half-width of the 95% confidence interval of <see cref="EnergyJoulesPerToken"/> over the windows.</summary>
    public double? EnergyCi95JoulesPerToken { get; init; }

    /// <summary>The board's idle power, measured in the same run (null when estimated).</summary>
    public double? IdleWatts { get; init; }

    /// <summary><see cref="PowerWatts"/> less <see cref="IdleWatts"/>: the power of the work alone.</summary>
    public double? NetWatts { get; init; }

    /// <summary>Energy per token of the work alone (idle power subtracted).</summary>
    public double? NetJoulesPerToken { get; init; }

    /// <summary>Relative energy-per-token saving against the fp32 baseline measured in interleaved windows of the
    /// same run (<c>1 − E/E₀</c>), or null when not measured so.</summary>
    public double? Saving { get; init; }

    /// <summary>Half-width of the 95% confidence interval of <see cref="Saving"/>.</summary>
    public double? SavingCi95 { get; init; }

    /// <summary>Windows measured (after repeats of throttled ones).</summary>
    public int? Windows { get; init; }

    /// <summary>Length of each window in seconds.</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Whether the windows were shorter or fewer than the lab rules (quick mode, for tests and demonstrations).</summary>
    public bool Quick { get; init; }

    /// <summary>The board that measured it, where the search measures on several (null: the search's only board).</summary>
    public string? MeasuredOn { get; init; }

    /// <summary>Windows that stayed throttled after being repeated (flagged, still counted).</summary>
    public int ThrottledWindows { get; init; }

    /// <summary>The candidate's status: measured, or failed by its own fault.</summary>
    public CandidateStatus Status => Failure is null ? CandidateStatus.Measured : CandidateStatus.CandidateFailed(Failure);
}
