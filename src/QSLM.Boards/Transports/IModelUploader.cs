namespace QSLM.Boards.Transports;

/// <summary>
/// Writes a model's bytes into the agent's partial copy (<c>models/HASH.part</c> under the agent's
/// folder) by a bulk route such as SFTP, resuming from what is already there. The agent hashes the
/// copy as it arrives, checks the SHA-256 and moves the file into place only when it matches.
/// </summary>
public interface IModelUploader
{
    /// <summary>Writes the bytes of <paramref name="localPath"/> from <paramref name="offset"/> on, the size of
    /// the partial copy as the agent reported it (0: a fresh copy, replacing any file there).
    /// <paramref name="progress"/> receives the bytes the copy holds after each write.</summary>
    Task UploadPartialAsync(string localPath, string sha256, long offset, Action<long>? progress, CancellationToken cancellationToken);
}
