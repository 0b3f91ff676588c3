namespace QSLM.Boards.Transports;

/// <summary>
/// Writes a model's bytes into the agent's partial copy (<c>models/HASH.part</c> under the agent's
/// folder) by a bulk route such as SFTP, resuming from what is already there. The agent still checks
/// the SHA-256 and moves the file into place only when it matches.
/// </summary>
public interface IModelUploader
{
    /// <summary>Appends the bytes of <paramref name="localPath"/> that the partial copy lacks.</summary>
    /// <returns>The offset the upload resumed from (0 for a fresh upload).</returns>
    Task<long> UploadPartialAsync(string localPath, string sha256, Action<long>? progress, CancellationToken cancellationToken);
}
