using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>
/// Models the agent holds, named by their SHA-256: <c>models/HASH.part</c> while arriving,
/// <c>models/HASH.qslm</c> once every byte is there. Appends only at the end of the partial copy, so an
/// upload broken anywhere resumes from <see cref="Status"/> and nothing is written twice.
/// <see cref="Verify"/> hashes a model before every use and deletes one that does not match its name,
/// so a wrong copy is never run. That check is the guarantee; the store adds one more only where it is
/// free of a second read: a copy the agent wrote itself, chunk by chunk, is hashed when its last chunk
/// lands and never moved into place when wrong. A copy written by another route (SFTP, which
/// authenticates every packet) is moved into place once its length is right, unhashed: hashing it there
/// too read every byte twice per candidate and, on a board whose cores the transfer keeps busy, slowed
/// the upload itself (<c>qslm bench deploy</c> on a 2-core loopback: 0.72-0.78 of plain SFTP with that
/// hash, 0.94-0.96 without).
/// </summary>
internal sealed class ModelStore
{
    private const string Folder = "models";
    private readonly ConfinedFolder _folder;
    private readonly long _maxModelBytes;

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
    /// by another route. A partial copy longer than the model is discarded first.
    /// </summary>
    public ModelStatus Expect(ExpectModel expect)
    {
        var sha = ModelHash.Require(expect.Sha256);
        RequireSize(expect.TotalBytes);
        var status = Status(sha);
        if (status.Complete || status.BytesHeld <= expect.TotalBytes) return status;
        File.Delete(PartialPath(sha));
        return status with { BytesHeld = 0 };
    }

    /// <summary>Appends a chunk; moves the copy into place when it is whole (see the class summary for
    /// when it is hashed first). Errors carry the bytes now held.</summary>
    public ModelStatus Put(PutModel chunk)
    {
        var sha = ModelHash.Require(chunk.Sha256);
        RequireSize(chunk.TotalBytes);
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
        // Whole: the agent's own last chunk is checked now; an empty chunk finalizes another route's copy.
        if (chunk.Data.Length > 0) RequireHash(sha, partial);
        File.Move(partial, CompletePath(sha), overwrite: true);
        return Status(sha);
    }

    /// <summary>Whether the complete model's bytes still hash to its name; a file that does not is deleted.</summary>
    public void Verify(string sha256)
    {
        var path = CompletePath(sha256);
        if (!File.Exists(path)) throw new StoreException(ErrorCodes.ModelMissing, $"no complete model {sha256[..12]}… is stored", Status(sha256).BytesHeld);
        var actual = ModelHash.OfFile(path);
        if (actual == sha256) return;
        File.Delete(path);
        throw new StoreException(ErrorCodes.HashMismatch, $"stored model {sha256[..12]}… hashes to {actual[..12]}…; it was deleted and was not run", 0);
    }

    private void RequireSize(long totalBytes)
    {
        if (totalBytes < 1 || totalBytes > _maxModelBytes)
            throw new StoreException(ErrorCodes.TooLarge, FormattableString.Invariant($"a model must be 1 to {_maxModelBytes} bytes; this one claims {totalBytes}"), 0);
    }

    /// <summary>Deletes a partial copy that does not hash to its name. No fsync before the move that follows:
    /// a copy that power loss leaves torn fails the check before its next use and is deleted and sent again,
    /// so durability would buy nothing here but a disk flush per deploy.</summary>
    private static void RequireHash(string sha, string partial)
    {
        var actual = ModelHash.OfFile(partial);
        if (actual == sha) return;
        File.Delete(partial);
        throw new StoreException(ErrorCodes.HashMismatch, $"the uploaded bytes hash to {actual[..12]}…, not {sha[..12]}…; the copy was discarded", 0);
    }
}
