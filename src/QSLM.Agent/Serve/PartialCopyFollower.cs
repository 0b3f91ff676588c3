using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace QSLM.Agent.Serve;

/// <summary>
/// Hashes a model's partial copy while another process (the board's SFTP server) appends to it, so that
/// the check before the move into place reads only the bytes that arrived last instead of the whole
/// file a second time. It reads the copy once, in order, from its start up to the model's size; what it
/// returns is only a candidate: <see cref="ModelStore"/> hashes the whole copy again whenever this hash
/// does not match, or the copy changed after the last read here.
/// </summary>
internal sealed class PartialCopyFollower : IDisposable
{
    // Polling rather than inotify: nothing to install or watch on a board. The wait doubles while nothing
    // arrives but stays short, because whatever lands during the last wait is still to be hashed when the
    // host finalizes: a 64 ms cap left 14-24 ms of hashing there on a loaded machine; at 4 ms an idle
    // follower costs a few hundred wake-ups a second until the upload ends or the session does.
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(1), LongestWait = TimeSpan.FromMilliseconds(4);
    private const int ReadBytes = 1 << 20;

    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<FollowedHash?> _hashing;

    /// <summary>Starts following <paramref name="path"/> (which may not exist yet) up to <paramref name="totalBytes"/>.</summary>
    public PartialCopyFollower(string sha256, string path, long totalBytes)
    {
        Sha256 = sha256;
        TotalBytes = totalBytes;
        _path = path;
        _hashing = Task.Run(() => FollowAsync(_stop.Token));
    }

    /// <summary>The model whose copy is followed.</summary>
    public string Sha256 { get; }

    /// <summary>The model's size: the follower reads no further.</summary>
    public long TotalBytes { get; }

    /// <summary>Says every byte has been written, waits until the follower has read them all, and returns
    /// what it read, or null when the copy ended short of <see cref="TotalBytes"/> or could not be read.</summary>
    public async Task<FollowedHash?> FinishAsync()
    {
        _writerDone.TrySetResult();
        try
        {
            return await _hashing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            return null; // the whole-file hash decides instead
        }
    }

    /// <summary>Stops following and waits until the copy's file is closed: the follower's shared lock on it
    /// would refuse the agent's own exclusive append.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Stops following without waiting; the copy's file is closed once the follower notices.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        // The follower may still be between reads; its token source is released when it has stopped.
        _hashing.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task<FollowedHash?> FollowAsync(CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        SafeFileHandle? file = null;
        try
        {
            long offset = 0;
            var wait = FirstWait;
            while (offset < TotalBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Read after noting whether the writer is done: a read that then finds nothing new means the copy
                // really ends here, not that bytes landed between an empty read and the writer's word.
                var writerDone = _writerDone.Task.IsCompleted;
                file ??= TryOpen();
                var read = file is null ? 0 : RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(ReadBytes, TotalBytes - offset)), offset);
                if (read > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    offset += read;
                    wait = FirstWait;
                    continue;
                }
                if (writerDone) return null;
                await Task.WhenAny(_writerDone.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
                wait = wait < LongestWait ? wait * 2 : LongestWait;
            }
            // The copy's length and modification time as the last read left them: a write after that (or a
            // file replaced under the same name) shows up as a change before the move, and the whole copy is hashed.
            return new FollowedHash(Convert.ToHexStringLower(sha.GetHashAndReset()), RandomAccess.GetLength(file!), File.GetLastWriteTimeUtc(file!));
        }
        finally
        {
            file?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SafeFileHandle? TryOpen()
    {
        try
        {
            // Read-only and sharing everything: the SFTP server keeps writing, and a host that restarts the
            // copy may delete it.
            return File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null; // the upload has not created it yet
        }
        catch (IOException)
        {
            // Locked exclusively for a moment by another .NET writer: try again on the next poll (a copy that
            // stays unreadable leaves no streamed hash, and the whole-file hash decides).
            return null;
        }
    }
}

/// <summary>What a <see cref="PartialCopyFollower"/> read: the hash of the copy's first bytes, and the copy's
/// length and modification time just after the last read.</summary>
internal sealed record FollowedHash(string Sha256, long Length, DateTime LastWriteUtc);
