using QSLM.Search.Results;

namespace QSLM.Harness.Search;

/// <summary>
/// An opened search folder: the manifest of the search it holds, its log (open for appending), and
/// what an earlier run of the same search completed there, read once from the log's rows. Disposing
/// it closes the log.
/// </summary>
/// <param name="Manifest">The manifest written to the folder (with an earlier run's start time).</param>
/// <param name="Log">The folder's log.</param>
/// <param name="Completed">What an earlier run completed, replayed instead of evaluated or measured again.</param>
public sealed record SearchResumeState(SearchManifest Manifest, ResultsLog Log, CompletedWork Completed) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Log.Dispose();
}
