using System.Text.RegularExpressions;

namespace QSLM.Cli.Tests.Docs;

/// <summary>
/// The <c>#anchor</c> of a relative Markdown link and the headings it may name, slugged as GitHub renders
/// them: lower case, everything but letters, digits, spaces, <c>-</c> and <c>_</c> dropped, spaces turned
/// into dashes.
/// </summary>
internal static partial class HeadingAnchors
{
    /// <summary>(target file relative to the repository, anchor) of every relative link with an anchor on
    /// <paramref name="line"/> of <paramref name="file"/>; an anchor alone names <paramref name="file"/>.</summary>
    public static IEnumerable<(string File, string Anchor)> In(string file, string line)
    {
        foreach (Match match in AnchoredLink().Matches(line))
        {
            var target = match.Groups["path"].Value;
            if (target.Contains("://", StringComparison.Ordinal)) continue;
            var resolved = target.Length == 0
                ? file
                : Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(file) ?? "", target))).Replace('\\', '/');
            yield return (resolved, match.Groups["anchor"].Value);
        }
    }

    /// <summary>The anchors of every heading of the Markdown file at <paramref name="file"/>.</summary>
    public static IReadOnlySet<string> Of(string file) =>
        File.ReadLines(Path.Combine(RepositoryFiles.Root, file))
            .Select(line => Heading().Match(line))
            .Where(match => match.Success)
            .Select(match => Slug(match.Groups["text"].Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The anchor GitHub gives a heading.</summary>
    public static string Slug(string heading) => NotInSlug().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"\]\((?<path>[^)\s#]*)#(?<anchor>[^)\s]+)\)")]
    private static partial Regex AnchoredLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotInSlug();
}
