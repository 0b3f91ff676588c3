namespace QSLM.Search.Results;

/// <summary>
/// The search's CSV (<see cref="AppendOnlyCsv{T}"/> of <see cref="CandidateRow"/>): a killed run
/// loses at most the row being written, and a resumed search replays the rows it finds instead of
/// evaluating again, so no row is duplicated or lost.
/// </summary>
public sealed class ResultsLog : IDisposable
{
    private readonly AppendOnlyCsv<CandidateRow> _csv;

    private ResultsLog(string path, AppendOnlyCsv<CandidateRow> csv)
    {
        Path = path;
        _csv = csv;
    }

    /// <summary>The CSV's path.</summary>
    public string Path { get; }

    /// <summary>The complete rows the file held when it was opened.</summary>
    public IReadOnlyList<CandidateRow> Rows => _csv.Rows;

    /// <summary>Opens <paramref name="path"/>, creating it with a header or reading back its rows.</summary>
    public static ResultsLog Open(string path) => new(path, AppendOnlyCsv<CandidateRow>.Open(path));

    /// <summary>Appends a row and flushes it to the file.</summary>
    public void Append(CandidateRow row) => _csv.Append(row);

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
