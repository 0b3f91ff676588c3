using QSLM.Errors;
using QSLM.Search.Results;

namespace QSLM.Harness.Search;

/// <summary>
/// A search's folder and its resume identity, in one place: the manifest says what is searched, and a
/// folder that holds a manifest of the same search is resumed, its CSV's rows read once into the
/// <see cref="CompletedWork"/> that the ledger (<see cref="QSLM.Search.Tiers.SearchLedger"/>) replays
/// instead of evaluating or measuring again.
/// </summary>
public static class SearchFolder
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The log's file name.</summary>
    public const string LogFile = "search.csv";

    /// <summary>
    /// Writes <paramref name="manifest"/> into <paramref name="folder"/> (created if missing), keeping the
    /// start time of an earlier run of the same search there, opens the folder's log, and reads what that
    /// run completed.
    /// </summary>
    /// <exception cref="InputException">The folder holds a different search.</exception>
    public static SearchResumeState Open(string folder, SearchManifest manifest)
    {
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (SearchManifest.TryRead(manifestPath) is { } earlier)
        {
            if (!earlier.SameSearchAs(manifest))
                throw new InputException($"{folder} holds a different search ({earlier.Task}, {earlier.ConstA}, alpha {earlier.Alpha}, board limits {earlier.BoardLimitsText()}, power windows {earlier.PowerWindows ?? "none"}); choose another --out");
            manifest = manifest with { Started = earlier.Started };
        }
        manifest.Write(manifestPath);
        var log = ResultsLog.Open(Path.Combine(folder, LogFile));
        return new(manifest, log, CompletedWork.From(log.Rows));
    }
}
