using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>
/// Models the agent holds, named by their SHA-256: <c>models/HASH.part</c> while arriving,
/// <c>models/HASH.qslm</c> once every byte is there and hashes right. Appends only at the end of the
/// partial copy, so an upload broken anywhere resumes from <see cref="Status"/> and nothing is
/// written twice; a copy whose hash is wrong is deleted, never moved into place. A copy that arrives by
/// SFTP is hashed while it arrives (<see cref="ExpectAsync"/>), so that finalizing it does not read it twice.
/// </summary>
internal sealed class ModelStore : IDisposable
{
    private const string Folder = "models";
    private readonly ConfinedFolder _folder;
    private readonly long _maxModelBytes;
    private PartialCopyFollower? _follower;

    public ModelStore(ConfinedFolder folder, long maxModelBytes)
    {
        _folder = folder;
        _maxModelBytes = maxModelBytes;
        Directory.CreateDirectory(_folder.Resolve(Folder));
    }

    public long MaxModelBytes => _maxModelBytes;

    /// <summary>Path of the complete model; only meaningful when <see cref="Status"/> says complete.</summary>
    public string CompletePath(string sha256) => _folder.Resolve(Path.Combine(Folder, ModelHash.Require(sha256) + ".qslm"));

    private string PartialPath(string sha256) => _folder.Resolve(Path.Combine(Folder, ModelHash.Require(sha256) + ".part"));

    public ModelStatus Status(string sha256)
    {
        var complete = new FileInfo(CompletePath(sha256));
        if (complete.Exists) return new ModelStatus(sha256, complete.Length, true);
        var partial = new FileInfo(PartialPath(sha256));
        return new ModelStatus(sha256, partial.Exists ? partial.Length : 0, false);
    }

    /// <summary>Every complete or partial model in the store.</summary>
    public IReadOnlyList<ModelStatus> List() =>
        Directory.EnumerateFiles(_folder.Resolve(Folder))
            .Select(Path.GetFileNameWithoutExtension)
            .Where(ModelHash.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(h => Status(h!))
            .ToList();

    /// <summary>
    /// Reports what the store holds of a model whose bytes are about to be appended to its partial copy
    /// by another route, and starts hashing that copy as it grows (one follower at a time: a new one
    /// replaces the last). A partial copy longer than the model is discarded first.
    /// </summary>
    public async Task<ModelStatus> ExpectAsync(ExpectModel expect)
    {
        var sha = ModelHash.Require(expect.Sha256);
        RequireSize(expect.TotalBytes);
        await StopFollowingAsync().ConfigureAwait(false);
        var status = Status(sha);
        if (status.Complete) return status;
        if (status.BytesHeld > expect.TotalBytes)
        {
            File.Delete(PartialPath(sha));
            status = status with { BytesHeld = 0 };
        }
        _follower = new PartialCopyFollower(sha, PartialPath(sha), expect.TotalBytes);
        return status;
    }

    /// <summary>Appends a chunk; finalizes when the copy is whole. Errors carry the bytes now held.</summary>
    public async Task<ModelStatus> PutAsync(PutModel chunk)
    {
        var sha = ModelHash.Require(chunk.Sha256);
        RequireSize(chunk.TotalBytes);
        // Bytes written here, or for another model, end any following: the follower's reads would race them.
        if (chunk.Data.Length > 0 || _follower?.Sha256 != sha) await StopFollowingAsync().ConfigureAwait(false);
        var status = Status(sha);
        if (status.Complete) return status;
        var held = status.BytesHeld;
        if (held > chunk.TotalBytes)
        {
            File.Delete(PartialPath(sha));
            throw new StoreException(ErrorCodes.OffsetMismatch, FormattableString.Invariant($"the partial copy ({held} bytes) is longer than the model ({chunk.TotalBytes}); it was discarded"), 0);
        }
        if (chunk.Offset != held)
            throw new StoreException(ErrorCodes.OffsetMismatch, FormattableString.Invariant($"the chunk starts at {chunk.Offset}, but the agent holds {held} bytes"), held);
        if (chunk.Offset + chunk.Data.Length > chunk.TotalBytes)
            throw new StoreException(ErrorCodes.BadRequest, FormattableString.Invariant($"the chunk ends at {chunk.Offset + chunk.Data.Length}, past the model's {chunk.TotalBytes} bytes"), held);
        var partial = PartialPath(sha);
        if (chunk.Data.Length > 0)
        {
            using var stream = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None);
            stream.Write(chunk.Data);
        }
        held += chunk.Data.Length;
        if (held < chunk.TotalBytes) return new ModelStatus(sha, held, false);
        return await FinalizeAsync(sha, partial, chunk.TotalBytes).ConfigureAwait(false);
    }

    /// <summary>Stops hashing a partial copy in the background (another upload begins) and waits until it has let go of the file.</summary>
    public async Task StopFollowingAsync()
    {
        var follower = _follower;
        _follower = null;
        if (follower is null) return;
        using (follower) await follower.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops any background hashing without waiting (the session is over).</summary>
    public void Dispose()
    {
        _follower?.Dispose();
        _follower = null;
    }

    /// <summary>Whether the complete model's bytes still hash to its name; a file that does not is deleted.</summary>
    public void Verify(string sha256)
    {
        var path = CompletePath(sha256);
        if (!File.Exists(path)) throw new StoreException(ErrorCodes.ModelMissing, $"no complete model {sha256[..12]}… is stored", Status(sha256).BytesHeld);
        var actual = ModelHash.OfFile(path);
        if (actual == sha256) return;
        File.Delete(path);
        throw new StoreException(ErrorCodes.HashMismatch, $"stored model {sha256[..12]}… now hashes to {actual[..12]}…; it was deleted and was not run", 0);
    }

    private void RequireSize(long totalBytes)
    {
        if (totalBytes < 1 || totalBytes > _maxModelBytes)
            throw new StoreException(ErrorCodes.TooLarge, FormattableString.Invariant($"a model must be 1 to {_maxModelBytes} bytes; this one claims {totalBytes}"), 0);
    }

    private async Task<ModelStatus> FinalizeAsync(string sha, string partial, long totalBytes)
    {
        if (!await FollowedHashMatchesAsync(sha, partial, totalBytes).ConfigureAwait(false))
        {
            // Not hashed while it arrived, or hashed from bytes that were not yet final (a copy truncated
            // and written again, a region read before it was written): the copy as it is now decides.
            var actual = ModelHash.OfFile(partial);
            if (actual != sha)
            {
                File.Delete(partial);
                throw new StoreException(ErrorCodes.HashMismatch, $"the uploaded bytes hash to {actual[..12]}…, not {sha[..12]}…; the copy was discarded", 0);
            }
        }
        // No fsync before the move: a copy that power loss leaves torn fails the hash that runs before every
        // use and is deleted and sent again, so durability buys nothing here but costs a disk flush per deploy.
        File.Move(partial, CompletePath(sha), overwrite: true);
        return Status(sha);
    }

    /// <summary>Whether the copy was hashed as it arrived, the hash is the model's, and the copy shows no
    /// change since that hash's last read (same length, same modification time). The file clock is coarse,
    /// so this narrows rather than closes the window for a rewrite behind the follower; the hash before
    /// every run closes it, and the host's own upload writes every byte once.</summary>
    private async Task<bool> FollowedHashMatchesAsync(string sha, string partial, long totalBytes)
    {
        var follower = _follower;
        if (follower is null || follower.Sha256 != sha) return false;
        _follower = null;
        using (follower)
        {
            if (follower.TotalBytes != totalBytes)
            {
                await follower.StopAsync().ConfigureAwait(false);
                return false;
            }
            var followed = await follower.FinishAsync().ConfigureAwait(false);
            if (followed is null || followed.Sha256 != sha) return false;
            var now = new FileInfo(partial);
            return now.Exists && now.Length == followed.Length && now.LastWriteTimeUtc == followed.LastWriteUtc;
        }
    }
}
