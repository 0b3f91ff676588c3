namespace QSLM.Harness;

/// <summary>
/// Default locations of the bundled data and models: found by walking up from the working
/// directory, then from the program's folder, to the first folder holding <c>QSLM.sln</c>.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (or the working directory when none is found).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The environment variable that moves <see cref="Runs"/> elsewhere (the tests point it at
    /// their own folder, so they never write into a user's <c>runs/</c>).</summary>
    public const string RunsVariable = "QSLM_RUNS";

    /// <summary>Default folder of searches, caches and local boards: <c>$QSLM_RUNS</c>
    /// when set, else the repository's <c>runs/</c>.</summary>
    public static string Runs =>
        Environment.GetEnvironmentVariable(RunsVariable) is { Length: > 0 } runs ? Path.GetFullPath(runs) : Path.Combine(Root, "runs");

    /// <summary>WikiText-2 folder.</summary>
    public static string WikiText => Path.Combine(Root, "data", "wikitext-2");

    /// <summary>SST-2 folder.</summary>
    public static string Sst2 => Path.Combine(Root, "data", "sst2");

    /// <summary>The bundled reference language model.</summary>
    public static string ReferenceLm => Path.Combine(Root, "models", "spikegpt-lm.safetensors");

    /// <summary>The bundled reference SST-2 classifier (shares the LM's embedding).</summary>
    public static string ReferenceSst2 => Path.Combine(Root, "models", "spikegpt-sst2.safetensors");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "QSLM.sln"))) return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
