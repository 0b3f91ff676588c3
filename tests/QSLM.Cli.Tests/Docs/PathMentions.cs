using System.Text.RegularExpressions;

namespace QSLM.Cli.Tests.Docs;

/// <summary>
/// The repository paths a document names: a word starting at one of the repository's top folders
/// (<c>src/</c>, <c>tests/</c>, <c>docs/</c>, …) or naming <c>.ci/run</c> or <c>run-tests</c>, and the
/// relative target of every Markdown link, resolved against the document's folder; each path once per line.
/// </summary>
internal static partial class PathMentions
{
    /// <summary>The repository's top-level folders that documents name paths under.</summary>
    public static readonly string[] TopFolders =
        ["src", "tests", "docs", "hardware", "firmware-profiles", "calibration", "models", "data", "build", "tools", "farm"];

    /// <summary>Repository-relative paths named on <paramref name="line"/> of the document
    /// <paramref name="file"/>, trailing sentence punctuation dropped, placeholders left as they are.</summary>
    public static IEnumerable<string> In(string file, string line) => Named(file, line).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Named(string file, string line)
    {
        foreach (Match match in RepositoryPath().Matches(line)) yield return match.Value.TrimEnd('.', ',', ':', ';');
        foreach (Match match in Link().Matches(line))
        {
            var target = match.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var withoutAnchor = target.Split('#')[0];
            if (withoutAnchor.Length == 0) continue;
            var folder = Path.GetDirectoryName(file) ?? "";
            yield return Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, folder, withoutAnchor)))
                .Replace('\\', '/');
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> names something that exists in the repository, segment by segment. A
    /// segment holding <c>*</c> must match at least one entry (<c>hardware/example-*.yaml</c>). A segment that
    /// does not exist is accepted only as a placeholder, which ends the check: an upper-case word of two or more
    /// letters, the whole segment (<c>models/HASH.part</c>, <c>runs/agents/RID-HASH/</c>), or a build output's <c>bin</c> or
    /// <c>obj</c>.
    /// </summary>
    public static bool Exists(string path)
    {
        var candidates = new List<string> { RepositoryFiles.Root };
        foreach (var segment in path.TrimEnd('/').Split('/'))
        {
            var next = candidates.SelectMany(parent => Matching(parent, segment)).ToList();
            if (next.Count == 0) return !segment.Contains('*') && (Placeholder().IsMatch(segment) || segment is "bin" or "obj");
            candidates = next;
        }
        return true;
    }

    private static IEnumerable<string> Matching(string parent, string segment)
    {
        if (!Directory.Exists(parent)) return [];
        if (segment.Contains('*')) return Directory.EnumerateFileSystemEntries(parent, segment);
        var full = Path.Combine(parent, segment);
        return File.Exists(full) || Directory.Exists(full) ? [full] : [];
    }

    [GeneratedRegex(@"(?<![\w./~-])(?:(?:src|tests|docs|hardware|firmware-profiles|calibration|models|data|build|tools)/[\w.*/-]*|\.ci/run|run-tests)(?![\w-])")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    /// <summary>A whole segment that is an upper-case word of two or more letters, dash-joined words
    /// allowed, with lower-case extensions: <c>HASH</c>, <c>RID-HASH</c>, <c>HASH.part</c>, <c>FILE.png</c>
    /// (not <c>QSLM.Benchmarks</c>).</summary>
    [GeneratedRegex(@"^[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*(?:\.[a-z0-9]+)*$")]
    private static partial Regex Placeholder();
}
