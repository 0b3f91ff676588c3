using System.Text.Json;
using QSLM.Errors;
using QSLM.Search.Results;

namespace QSLM.Cli.Reports;

/// <summary>Which candidate a report marks as chosen, and why.</summary>
internal static class ChosenCandidate
{
    /// <summary>
    /// <paramref name="requested"/> when given; else the numeric <c>Chosen</c> of <c>manifest.json</c>
    /// beside the CSV; else the search's own rule: the highest objective among feasible candidates
    /// (sensitivity measurements excluded), then the fewest bytes, then the lowest number.
    /// </summary>
    /// <exception cref="InputException">The named candidate is not in the run, or no candidate is feasible.</exception>
    public static (CandidateRow Row, string Reason) Find(SearchRun run, int? requested)
    {
        if (requested is { } id) return (Get(run, id, "--chosen"), "--chosen");
        var manifest = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(run.Path))!, "manifest.json");
        if (FromManifest(manifest) is { } named) return (Get(run, named, manifest), "manifest.json");
        var best = run.Candidates.Where(r => r.Feasible).OrderByDescending(r => r.Objective).ThenBy(r => r.Bytes).ThenBy(r => r.Candidate).FirstOrDefault()
            ?? throw new InputException($"{run.Path}: no feasible candidate among {run.Candidates.Count} (none meets the constraints); name one with --chosen to plot anyway");
        return (best, "highest objective among feasible candidates");
    }

    private static CandidateRow Get(SearchRun run, int id, string source) =>
        run.Candidates.FirstOrDefault(r => r.Candidate == id)
        ?? throw new InputException($"{source} names candidate {id}, which {run.Path} does not hold (or holds only as a sensitivity measurement)");

    // A manifest written before the search recorded its choice, or by another tool, has no
    // numeric Chosen: that is not an error, the rule decides instead.
    private static int? FromManifest(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("Chosen", out var chosen)
                && chosen.ValueKind == JsonValueKind.Number
                && chosen.TryGetInt32(out var id) ? id : null;
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not JSON ({e.Message})", e);
        }
    }
}
