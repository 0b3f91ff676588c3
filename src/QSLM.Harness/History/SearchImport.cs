using System.Globalization;
using QSLM.Boards.Settings;
using QSLM.Errors;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Harness.History;

/// <summary>
/// Fills the run history from a search's folder written before the history existed (or by a QSLM without one), so
/// nothing measured before is lost: <c>manifest.json</c> gives the provenance, <c>search.csv</c> every candidate and its
/// figures (<see cref="SearchRecords"/>), <c>windows.csv</c>, where present, every power window. The run is completed
/// when the manifest names a chosen candidate, else interrupted. A folder is recognised by its path and the hashes of
/// its manifest and log: importing the same content again finds the earlier run and writes nothing, as does importing
/// the folder of a search that recorded itself to its end.
/// </summary>
public static class SearchImport
{
    /// <summary>The provenance key of the folder a run was imported from.</summary>
    public const string ImportedFrom = "imported_from";

    /// <summary>The provenance key of the imported manifest's SHA-256.</summary>
    public const string ManifestSha256 = "manifest_sha256";

    /// <summary>The provenance key of the imported log's SHA-256.</summary>
    public const string LogSha256 = "log_sha256";

    /// <summary>Imports <paramref name="folder"/> into <paramref name="history"/>. Everything is read and checked before
    /// the run begins, so a folder that is not a search's writes nothing.</summary>
    /// <param name="history">The history.</param>
    /// <param name="folder">The search's folder.</param>
    /// <param name="commandLine">The command that imports it.</param>
    /// <param name="operator">Who imports it, or null.</param>
    /// <exception cref="InputException">The folder is missing, or holds no search manifest and log.</exception>
    public static SearchImportResult Import(IRunHistory history, string folder, string commandLine, string? @operator)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new InputException($"{folder}: no such folder");
        var manifestPath = Path.Combine(full, SearchFolder.ManifestFile);
        var logPath = Path.Combine(full, SearchFolder.LogFile);
        var manifest = SearchManifest.TryRead(manifestPath) ?? throw new InputException($"{folder} is not a search run folder: it has no {SearchFolder.ManifestFile}");
        if (!File.Exists(logPath)) throw new InputException($"{folder} is not a search run folder: it has no {SearchFolder.LogFile}");
        var rows = SearchLogRows.Read(logPath);
        var windows = WindowLogRow.Read(Path.Combine(full, "windows.csv"));
        var (manifestHash, logHash) = (SearchManifest.Sha256(manifestPath), SearchManifest.Sha256(logPath));
        var board = BoardName(manifest);
        var measurements = rows.SelectMany(r => SearchRecords.Measurements(r, board)).Concat(windows.SelectMany(w => SearchRecords.Measurements(w, board ?? "board"))).ToList();

        if (Find(history, full, manifestHash, logHash, rows.Count) is { } earlier) return new SearchImportResult(full, earlier, true, rows.Count, measurements.Count);

        var provenance = Provenance(manifest);
        provenance[ImportedFrom] = full;
        provenance[ManifestSha256] = manifestHash;
        provenance[LogSha256] = logHash;
        var label = $"search {manifest.Task} {manifest.ConstA} on {board ?? "the host"} (imported; first started {manifest.Started})";
        using var run = history.Begin(new RunStart(RunKind.Search, label, full, commandLine, @operator, provenance));
        if (board is not null) run.Board(new BoardRecord(board, null, null, null, null, null, null, Settings(manifest)));
        foreach (var row in rows) run.Candidate(SearchRecords.Candidate(row));
        foreach (var m in measurements) run.Measurement(m);
        if (manifest.Chosen is { } chosen)
            run.Finish(RunStatus.Completed, $"chose {SearchRecords.Label(chosen)} of {rows.Select(r => r.Candidate).Distinct().Count()} candidates (imported)");
        else
            run.Finish(RunStatus.Interrupted, $"no answer in its manifest: stopped after {rows.Select(r => r.Candidate).Distinct().Count()} candidates (imported)");
        return new SearchImportResult(full, run.RunId, false, rows.Count, measurements.Count);
    }

    /// <summary>The provenance a search's manifest gives its run, as a live search records it too.</summary>
    public static Dictionary<string, string> Provenance(SearchManifest manifest)
    {
        var inv = CultureInfo.InvariantCulture;
        var values = new Dictionary<string, string>
        {
            ["tool"] = manifest.Tool,
            ["task"] = manifest.Task,
            ["const_a"] = manifest.ConstA,
            ["const_m"] = manifest.ConstM?.ToString(inv) ?? "none",
            ["alpha"] = manifest.Alpha.ToString("R", inv),
            ["power_weight"] = manifest.PowerWeight.ToString("R", inv),
            ["menu"] = string.Join(",", manifest.Menu),
            ["board"] = manifest.Board,
            ["evaluation"] = manifest.Evaluation,
            ["board_limits"] = manifest.BoardLimitsText(),
            ["search_started"] = manifest.Started,
        };
        if (manifest.PowerSource is { } source) values["power_source"] = source.ToString();
        if (manifest.PowerWindows is { } rules) values["window_rules"] = rules;
        foreach (var (file, hash) in manifest.ModelSha256) values[$"model.{file}.sha256"] = hash;
        foreach (var (file, hash) in manifest.DataSha256) values[$"data.{file}.sha256"] = hash;
        return values;
    }

    /// <summary>The board's name in a manifest's board line (<c>local of local.yaml</c>), or null for a host-only search.</summary>
    public static string? BoardName(SearchManifest manifest) =>
        manifest.Board.StartsWith("none", StringComparison.Ordinal) ? null : manifest.Board.Split(" of ")[0];

    private static string? Settings(SearchManifest manifest) =>
        manifest.BoardSettings is { Count: > 0 } settings ? string.Join(", ", settings.Select(AppliedSettings.Describe)) : null;

    // An earlier import of the same content, or the completed search that recorded this folder as it ran, every row of
    // its log with it.
    private static string? Find(IRunHistory history, string folder, string manifestHash, string logHash, int rows) =>
        history.List(new RunFilter(Kind: RunKind.Search))
            .Where(r => r.Folder == folder)
            .Select(r => history.Load(r.Id)!)
            .FirstOrDefault(r => r.Provenance.TryGetValue(ImportedFrom, out var from)
                ? from == folder && r.Provenance.GetValueOrDefault(ManifestSha256) == manifestHash && r.Provenance.GetValueOrDefault(LogSha256) == logHash
                : r.Summary.Status == RunStatus.Completed && r.Candidates.Count == rows)
            ?.Summary.Id;
}
