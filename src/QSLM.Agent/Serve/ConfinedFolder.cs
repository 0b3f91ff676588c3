namespace QSLM.Agent.Serve;

/// <summary>
/// The one folder the serving agent may touch. Every path it opens is resolved here and refused if it
/// lands outside (a <c>..</c>, an absolute path) or goes through a symbolic link, which could point
/// anywhere.
/// </summary>
internal sealed class ConfinedFolder
{
    public ConfinedFolder(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder; throws <see cref="UnauthorizedAccessException"/> otherwise.</summary>
    public string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnauthorizedAccessException($"'{relative}' is outside the agent's folder");
        for (var p = full; p.Length > Root.Length; p = Path.GetDirectoryName(p)!)
        {
            var info = new FileInfo(p);
            if (info.Exists && info.LinkTarget is not null || Directory.Exists(p) && new DirectoryInfo(p).LinkTarget is not null)
                throw new UnauthorizedAccessException($"'{relative}' goes through a symbolic link");
        }
        return full;
    }
}
