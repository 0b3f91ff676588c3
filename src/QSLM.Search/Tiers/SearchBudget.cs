using System.Globalization;
using QSLM.Errors;

namespace QSLM.Search.Tiers;

/// <summary>
/// When a search stops early, as Intel Neural Compressor's exit policy bounds its tuning by trials and time: after
/// <see cref="MaxEvaluations"/> host evaluations (every row the search logs from the host, sensitivity measurements
/// included, counting those a resumed run replays from its log) or once <see cref="MaxWallTime"/> has passed since
/// this run's search started (checked before each new host evaluation; replayed ones cost nothing). The search then
/// answers the best feasible candidate so far, confirmed on the board where one is attached. <see cref="MaxBoardMeasurements"/>
/// bounds the board's work (each measurement in a lab's windows takes minutes): past it no candidate is measured, and
/// the answer is the best feasible candidate among those measured. A budget is not part of what a search is: the same
/// folder resumed with a larger one continues where the smaller one stopped.
/// </summary>
/// <param name="MaxEvaluations">Host evaluations at most, or null for no bound.</param>
/// <param name="MaxWallTime">Wall time at most, or null for no bound.</param>
/// <param name="MaxBoardMeasurements">Candidates measured on the board at most (the baseline and replayed measurements
/// included), or null for no bound.</param>
public sealed record SearchBudget(int? MaxEvaluations = null, TimeSpan? MaxWallTime = null, int? MaxBoardMeasurements = null)
{
    /// <summary>No bound: the search runs every tier.</summary>
    public static SearchBudget None { get; } = new();

    /// <summary>Whether any bound is set.</summary>
    public bool Any => MaxEvaluations is not null || MaxWallTime is not null || MaxBoardMeasurements is not null;

    /// <summary>Validates the bounds.</summary>
    /// <exception cref="InputException">A bound that is not positive.</exception>
    public SearchBudget Validate()
    {
        if (MaxEvaluations is < 1) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"the evaluation budget must be at least 1, got {MaxEvaluations}"));
        if (MaxBoardMeasurements is < 1) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"the board-measurement budget must be at least 1 (the baseline), got {MaxBoardMeasurements}"));
        if (MaxWallTime is { } t && t <= TimeSpan.Zero) throw new InputException(string.Create(CultureInfo.InvariantCulture, $"the time budget must be positive, got {t.TotalMinutes} minutes"));
        return this;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (MaxEvaluations is { } n) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} host evaluations"));
        if (MaxWallTime is { } t) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.###} minutes"));
        if (MaxBoardMeasurements is { } b) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{b} board measurements"));
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
