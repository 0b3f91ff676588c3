using QSLM.Protocol;

namespace QSLM.Boards.Sessions;

/// <summary>A model file on the host with its size and SHA-256, hashed once per operation.</summary>
internal sealed record LocalModel(string Path, string Sha256, long Size)
{
    public static async Task<LocalModel> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var size = new FileInfo(full).Length;
        if (size == 0) throw new ArgumentException($"{path} is empty");
        return new LocalModel(full, await ModelHash.OfFileAsync(full, cancellationToken).ConfigureAwait(false), size);
    }
}
