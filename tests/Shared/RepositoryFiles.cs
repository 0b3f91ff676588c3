namespace QSLM.Tests.Shared;

/// <summary>Paths of the repository's data and bundled models, found from the test's folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string WikiText => Path.Combine(Root, "data", "wikitext-2");

    public static string Sst2 => Path.Combine(Root, "data", "sst2");

    public static string ReferenceLm => Path.Combine(Root, "models", "spikegpt-lm.safetensors");

    public static string ReferenceSst2 => Path.Combine(Root, "models", "spikegpt-sst2.safetensors");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QSLM.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root (QSLM.sln) not found above " + AppContext.BaseDirectory);
    }
}
