using QSLM.Format.Packed;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Serve;

/// <summary>
/// Models the agent holds, named by their SHA-256 as <see cref="ModelStoreLayout"/> lays them out: <c>models/HASH.part</c>
/// while arriving, <c>models/HASH.qslm</c> once every byte is there. Appends only at the end of the partial copy, so an
/// upload broken anywhere resumes from <see cref="Status"/> and nothing is written twice.
/// <see cref="Verify"/> hashes a model before every use and deletes one that does not match its name,
/// so a wrong copy is never run. That check is the guarantee; the store adds one more only where it is
/// free of a second read: a copy the agent wrote itself, chunk by chunk, is hashed when its last chunk
/// lands and never moved into place when wrong. A copy written by another route (SFTP, which
/// authenticates every packet) is moved into place once its length is right, unhashed: hashing it there
/// too read every byte twice per candidate and, on a board whose cores the transfer keeps busy, slowed
/// the upload itself (<c>qslm bench deploy</c> on a 2-core loopback: 0.72-0.78 of plain SFTP with that
/// hash, 0.94-0.96 without).
/// A model that is no valid packed file is never complete: the agent's own copy is validated in full
/// (<see cref="PackedModel.Open"/>) when its last chunk lands, another route's copy by its layout
/// (header and manifest only, <see cref="PackedModel.CheckLayout"/>) when it is moved into place, every
/// complete model by its layout whenever its status is reported (so a file an older agent stored is not
/// listed), and in full when it is opened to run; a file that fails is deleted.
/// Partial copies together hold at most <see cref="MaxPartialBytes"/>: the oldest are evicted to make room.
/// </summary>
internal sealed class ModelStore
{
    private const string Folder = ModelStoreLayout.Folder;
    private const string PartialExtension = ModelStoreLayout.PartialExtension;
    private readonly ConfinedFolder _folder;
    private readonly long _maxModelBytes;
    private readonly long _maxPartialBytes;

    public ModelStore(ConfinedFolder folder, long maxModelBytes, long maxPartialBytes)
    {
        if (maxPartialBytes < maxModelBytes) throw new ArgumentException(FormattableString.Invariant($"the partial-upload cap ({maxPartialBytes} bytes) must hold the largest model ({maxModelBytes} bytes)"));
        _folder = folder;
        _maxModelBytes = maxModelBytes;
        _maxPartialBytes = maxPartialBytes;
        Directory.CreateDirectory(_folder.Resolve(Folder));
    }

    public long MaxModelBytes => _maxModelBytes;

    /// <summary>Most bytes all partial copies may hold together.</summary>
    public long MaxPartialBytes => _maxPartialBytes;

    /// <summary>Path of the complete model; only meaningful when <see cref="Status"/> says complete.</summary>
    public string CompletePath(string sha256) => _folder.Resolve(Path.Combine(Folder, ModelStoreLayout.CompleteFileName(sha256)));

    private string PartialPath(string sha256) => _folder.Resolve(Path.Combine(Folder, ModelStoreLayout.PartialFileName(sha256)));

    public ModelStatus Status(string sha256)
    {
        var complete = new FileInfo(CompletePath(sha256));
        if (complete.Exists && LayoutRefusal(complete.FullName) is null) return new ModelStatus(sha256, complete.Length, true);
        var partial = new FileInfo(PartialPath(sha256));
        return new ModelStatus(sha256, partial.Exists ? partial.Length : 0, false);
    }

    /// <summary>Every complete or partial model in the store (a complete one whose layout is refused is deleted, not listed).</summary>
    public IReadOnlyList<ModelStatus> List() =>
        Directory.EnumerateFiles(_folder.Resolve(Folder))
            .Select(Path.GetFileNameWithoutExtension)
            .Where(ModelHash.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(h => Status(h!))
            .Where(s => s.Complete || s.BytesHeld > 0)
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
        if (status.Complete) return status;
        if (status.BytesHeld > expect.TotalBytes)
        {
            File.Delete(PartialPath(sha));
            status = status with { BytesHeld = 0 };
        }
        // The other route writes up to the whole model: room for all of it is made now.
        MakeRoomForPartial(sha, expect.TotalBytes);
        return status;
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
            MakeRoomForPartial(sha, held + chunk.Data.Length);
            using var stream = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None);
            stream.Write(chunk.Data);
        }
        held += chunk.Data.Length;
        if (held < chunk.TotalBytes) return new ModelStatus(sha, held, false);
        // Whole: the agent's own last chunk is checked now; an empty chunk finalizes another route's copy.
        if (chunk.Data.Length > 0)
        {
            RequireHash(sha, partial);
            RequireValid(sha, partial, full: true);
        }
        else
        {
            RequireValid(sha, partial, full: false);
        }
        File.Move(partial, CompletePath(sha), overwrite: true);
        return Status(sha);
    }

    /// <summary>
    /// Opens the complete model (checked by <see cref="Verify"/> first) with <paramref name="open"/>, which
    /// validates it in full; a model that fails is deleted and refused with <see cref="ErrorCodes.ModelInvalid"/>.
    /// </summary>
    public T Open<T>(string sha256, Func<string, T> open)
    {
        var path = CompletePath(sha256);
        try
        {
            return open(path);
        }
        catch (PackedFileException e)
        {
            File.Delete(path);
            throw new StoreException(ErrorCodes.ModelInvalid, e.Message + "; it was deleted", 0);
        }
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

    /// <summary>Deletes a copy that is no valid packed model and refuses it with <see cref="ErrorCodes.ModelInvalid"/>.</summary>
    private static void RequireValid(string sha, string partial, bool full)
    {
        try
        {
            if (full) PackedModel.Open(partial).Dispose();
            else PackedModel.CheckLayout(partial);
        }
        catch (PackedFileException e)
        {
            File.Delete(partial);
            throw new StoreException(ErrorCodes.ModelInvalid, $"model {sha[..12]}… is not a valid packed model, so it was not stored: {e.Message}", 0);
        }
    }

    /// <summary>Why a complete model's layout is refused (it is then deleted), or null when it is sound.</summary>
    private static string? LayoutRefusal(string path)
    {
        try
        {
            PackedModel.CheckLayout(path);
            return null;
        }
        catch (PackedFileException e)
        {
            File.Delete(path);
            return e.Message;
        }
    }

    /// <summary>Evicts the least recently written partial copies of other models until this one's
    /// <paramref name="bytes"/> fit under the cap; the cap holds any one model, so this always succeeds.</summary>
    private void MakeRoomForPartial(string sha, long bytes)
    {
        var others = new DirectoryInfo(_folder.Resolve(Folder)).EnumerateFiles("*" + PartialExtension)
            .Where(f => f.Name != sha + PartialExtension)
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var total = others.Sum(f => f.Length) + bytes;
        foreach (var oldest in others)
        {
            if (total <= _maxPartialBytes) return;
            var length = oldest.Length;
            oldest.Delete();
            total -= length;
        }
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
