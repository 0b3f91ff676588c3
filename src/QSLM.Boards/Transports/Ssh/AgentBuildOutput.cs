using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// The framework-dependent agent (<c>qslm-agent.dll</c>) as a build leaves it beside the program that
/// references it, among that program's own files: its deps.json names exactly which files are the
/// agent's, so they can be picked out, hashed and bundled as a publish would lay them out.
/// </summary>
public static class AgentBuildOutput
{
    /// <summary>The agent's files beside <paramref name="agentDll"/> (names only, ordinal order): the dll,
    /// its runtimeconfig and deps.json, and every runtime and native asset its deps.json names.</summary>
    public static IReadOnlyList<string> Files(string agentDll)
    {
        var source = Path.GetDirectoryName(Path.GetFullPath(agentDll))!;
        var stem = Path.GetFileNameWithoutExtension(agentDll);
        var files = new SortedSet<string>(StringComparer.Ordinal) { stem + ".dll", stem + ".runtimeconfig.json", stem + ".deps.json" };
        using (var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(source, stem + ".deps.json"))))
        {
            foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
            foreach (var library in target.Value.EnumerateObject())
            {
                foreach (var kind in new[] { "runtime", "native" })
                {
                    if (!library.Value.TryGetProperty(kind, out var assets)) continue;
                    foreach (var asset in assets.EnumerateObject()) files.Add(Path.GetFileName(asset.Name));
                }
            }
        }
        return [.. files];
    }

    /// <summary>SHA-256 (hex) over the agent's files' names and contents: changes whenever the agent is rebuilt differently.</summary>
    public static string Hash(string agentDll)
    {
        var source = Path.GetDirectoryName(Path.GetFullPath(agentDll))!;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(agentDll))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, file))));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Copies the agent's files into <paramref name="folder"/> and returns them as a bundle that
    /// the board's <c>dotnet</c> runs (for boards with the .NET runtime installed).</summary>
    public static AgentBundle CopyFrameworkDependent(string agentDll, string folder)
    {
        var source = Path.GetDirectoryName(Path.GetFullPath(agentDll))!;
        Directory.CreateDirectory(folder);
        foreach (var file in Files(agentDll)) File.Copy(Path.Combine(source, file), Path.Combine(folder, file), overwrite: true);
        return new AgentBundle(folder, Path.GetFileName(agentDll), "dotnet");
    }
}
