namespace QSLM.Agent.Commands;

/// <summary>Finds the evaluation data: an explicit folder, <c>$QSLM_DATA</c>, or the nearest
/// <c>data/</c> holding <c>wikitext-2/</c> above the current folder or the agent's own.</summary>
internal static class DataFolder
{
    public static string Resolve(string? explicitFolder)
    {
        var chosen = explicitFolder ?? Environment.GetEnvironmentVariable("QSLM_DATA");
        if (chosen is not null)
        {
            return Directory.Exists(Path.Combine(chosen, "wikitext-2"))
                ? chosen
                : throw new DirectoryNotFoundException($"data folder {chosen} has no wikitext-2/ inside");
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, "wikitext-2"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("no data/wikitext-2 found above the current folder or the agent; pass --data DIR or set QSLM_DATA");
    }
}
