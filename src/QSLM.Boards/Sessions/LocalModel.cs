using System.Collections.Concurrent;
using QSLM.Protocol;

namespace QSLM.Boards.Sessions;

/// <summary>A model file on the host with its size and SHA-256. Hashes are remembered per path, size
/// and modification time, so a file put and then run is read for its hash once, not twice.</summary>
public sealed record LocalModel(string Path, string Sha256, long Size)
{
    private static readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), string> Hashes = new();

    /// <summary>Records a hash computed elsewhere (a benchmark timing it, a packer that hashed while writing).</summary>
    public static void Remember(string path, string sha256)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        Hashes[(full, info.Length, info.LastWriteTimeUtc)] = ModelHash.Require(sha256);
    }

    public static async Task<LocalModel> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.Length == 0) throw new ArgumentException($"{path} is empty");
        var key = (full, info.Length, info.LastWriteTimeUtc);
        if (!Hashes.TryGetValue(key, out var sha))
        {
            sha = await ModelHash.OfFileAsync(full, cancellationToken).ConfigureAwait(false);
            Hashes[key] = sha;
        }
        return new LocalModel(full, sha, info.Length);
    }
}
