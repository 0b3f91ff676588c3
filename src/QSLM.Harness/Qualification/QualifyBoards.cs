using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Errors;
using QSLM.Harness.Boards;

namespace QSLM.Harness.Qualification;

/// <summary>Which boards of a bench a qualification runs on: those named, else those whose profile carries one of the
/// tags, else every board of the bench; an unknown name or a tag no board carries is the user's mistake.</summary>
public static class QualifyBoards
{
    /// <summary>The boards' names, in bench order.</summary>
    /// <exception cref="InputException">A name is not in the bench, or no board's profile carries a tag.</exception>
    public static IReadOnlyList<string> Select(Bench bench, string profilesFolder, IReadOnlyList<string> names, IReadOnlyList<string> tags)
    {
        if (names.Count > 0 && tags.Count > 0) throw new InputException("name boards with --board or pick them with --tag, not both");
        if (names.Count > 0) return [.. names.Select(n => BoardSessions.Find(bench, n).Name).Distinct()];
        if (tags.Count == 0) return [.. bench.Boards.Select(b => b.Name)];
        var profiles = bench.Boards.ToDictionary(b => b.Name, b => BoardSessions.Profile(b, profilesFolder));
        foreach (var tag in tags.Where(t => !profiles.Values.Any(p => p?.HasTag(t) == true)))
        {
            var known = profiles.Values.SelectMany(p => p?.Tags ?? []).Distinct().Order(StringComparer.Ordinal);
            throw new InputException($"no board of {bench.Path} has a profile tagged '{tag}' (tags there: {string.Join(", ", known)})");
        }
        return [.. bench.Boards.Where(b => tags.Any(t => profiles[b.Name]?.HasTag(t) == true)).Select(b => b.Name)];
    }

    /// <summary>The targets of <paramref name="board"/>: its profile's, under the qualification file's, under <c>--tolerance</c>.</summary>
    public static QualifyTargets Targets(string board, FirmwareProfile? profile, QualificationFile? file, double? tolerance)
    {
        var targets = file?.For(board, profile) ?? profile?.Qualify ?? QualifyTargets.None;
        return tolerance is { } given ? targets with { Agreement = given } : targets;
    }
}
