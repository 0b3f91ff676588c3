namespace QSLM.History.Records;

/// <summary>Which runs to list; every criterion given must hold.</summary>
/// <param name="Kind">Only runs of this kind.</param>
/// <param name="Board">Only runs that recorded this board.</param>
/// <param name="Model">Only runs that recorded this model label.</param>
/// <param name="Status">Only runs in this state.</param>
/// <param name="Since">Only runs started at or after this time.</param>
/// <param name="Last">At most this many, the newest.</param>
public sealed record RunFilter(RunKind? Kind = null, string? Board = null, string? Model = null, RunStatus? Status = null, DateTimeOffset? Since = null, int? Last = null);
