using System.Diagnostics.CodeAnalysis;

namespace QSLM.Search.Results;

/// <summary>
/// What an earlier run of the same search completed, read once from its log's rows: the host
/// evaluations (by precisions, on the candidates' data or the sensitivity slice) and the board
/// measurements that stand (by candidate). A resumed search answers these from the log instead of
/// evaluating or measuring again. An infrastructure failure is not completed work: the board, link or
/// agent stopped the measurement, not the candidate, so the candidate is measured again.
/// </summary>
public sealed class CompletedWork
{
    private readonly Dictionary<(string Precisions, bool Sensitivity), CandidateRow> _host;
    private readonly Dictionary<int, (CandidateRow Row, CandidateStatus Status)> _board;

    private CompletedWork(int rowCount, Dictionary<(string, bool), CandidateRow> host, Dictionary<int, (CandidateRow, CandidateStatus)> board)
    {
        RowCount = rowCount;
        _host = host;
        _board = board;
    }

    /// <summary>Nothing completed: a new search.</summary>
    public static CompletedWork None { get; } = new(0, [], []);

    /// <summary>The completed work the rows of a log say (in the log's order; a candidate's last board row stands).</summary>
    /// <exception cref="ArgumentException">Two host rows for the same precisions on the same data.</exception>
    public static CompletedWork From(IReadOnlyList<CandidateRow> rows)
    {
        var parsed = rows.Select(r => (Row: r, Status: CandidateStatus.TryParse(r.Status))).ToList();
        var host = parsed.Where(r => r.Status?.Outcome == CandidateOutcome.HostOnly)
            .ToDictionary(r => (r.Row.Precisions, r.Row.Tier == "sensitivity"), r => r.Row);
        var board = parsed.Where(r => r.Status is { Outcome: CandidateOutcome.Measured } or { IsCandidateFailure: true })
            .GroupBy(r => r.Row.Candidate).ToDictionary(g => g.Key, g => (g.Last().Row, g.Last().Status!));
        return new(rows.Count, host, board);
    }

    /// <summary>The rows the log held.</summary>
    public int RowCount { get; }

    /// <summary>Host evaluations completed.</summary>
    public int HostEvaluations => _host.Count;

    /// <summary>Board measurements that stand (measured, or failed by the candidate's own fault).</summary>
    public int BoardMeasurements => _board.Count;

    /// <summary>The host row of <paramref name="precisions"/> (compact form) on the candidates' data or the sensitivity slice.</summary>
    public bool TryGetHost(string precisions, bool sensitivity, [MaybeNullWhen(false)] out CandidateRow row) =>
        _host.TryGetValue((precisions, sensitivity), out row);

    /// <summary>The board row that stands for <paramref name="candidate"/>, and its status.</summary>
    public bool TryGetMeasurement(int candidate, [MaybeNullWhen(false)] out CandidateRow row, [MaybeNullWhen(false)] out CandidateStatus status)
    {
        var found = _board.TryGetValue(candidate, out var logged);
        (row, status) = logged;
        return found;
    }
}
