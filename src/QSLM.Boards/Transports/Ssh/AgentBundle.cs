using System.Security.Cryptography;
using System.Text;

namespace QSLM.Boards.Transports.Ssh;

/// <summary>
/// The agent as a folder of files to deploy (a <c>dotnet publish</c> output) and how to start it
/// there. It is uploaded under its content hash (labgrid's agent deployment), so an unchanged agent
/// is never uploaded twice and two versions never mix.
/// </summary>
/// <param name="Folder">The local folder holding the agent.</param>
/// <param name="EntryPoint">The file to start, relative to the folder (<c>qslm-agent</c> or <c>qslm-agent.dll</c>).</param>
/// <param name="Runner">A program on the board that runs the entry point (<c>dotnet</c> for a framework-dependent agent), or null to execute it directly.</param>
public sealed record AgentBundle(string Folder, string EntryPoint, string? Runner = null)
{
    private string? _hash;

    /// <summary>Files of the bundle, relative to <see cref="Folder"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>SHA-256 over every file's relative name and content (first 16 hex digits name the folder on the board).</summary>
    public string Hash => _hash ??= ComputeHash();

    private string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files())
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, file))));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
