namespace QSLM.Cli.Tests.Docs;

/// <summary>The user-facing documents whose text the doc tests hold to the code: <c>README.md</c>,
/// <c>CHANGELOG.md</c> and every Markdown file under <c>docs/</c> except the dated measurements of
/// <c>docs/results/</c>, which record what was true when they were taken.</summary>
internal static class UserDocs
{
    /// <summary>One line of a document, numbered from 1, with the file's path relative to the repository.</summary>
    public sealed record Line(string File, int Number, string Text)
    {
        public override string ToString() => $"{File}:{Number}: {Text.Trim()}";
    }

    /// <summary>Repository-relative paths of the documents, README first.</summary>
    public static IReadOnlyList<string> Files { get; } = FindFiles();

    /// <summary>Every line of every document.</summary>
    public static IEnumerable<Line> Lines() =>
        Files.SelectMany(file => File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file))
            .Select((text, index) => new Line(file, index + 1, text)));

    private static string[] FindFiles()
    {
        var docs = Path.Combine(RepositoryFiles.Root, "docs");
        var results = Path.Combine(docs, "results") + Path.DirectorySeparatorChar;
        var inDocs = Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
            .Where(path => !path.StartsWith(results, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var top = new[] { "README.md", "CHANGELOG.md" }.Where(name => File.Exists(Path.Combine(RepositoryFiles.Root, name)));
        return [.. top, .. inDocs];
    }
}
