using System.Globalization;
using QSLM.Errors;

namespace QSLM.Search.HostEvaluation;

/// <summary>
/// An exclusive lock on a lock file, held until disposed, that excludes every other holder: other
/// processes, and other opens in this process. Opening with <see cref="FileShare.None"/> takes
/// <c>flock(LOCK_EX)</c> on Unix (a lock on the open file description, so two opens in one process
/// exclude each other too, and the kernel releases it when its holder dies) and a sharing lock on
/// Windows. The lock file itself is never deleted: deleting it would let a waiter lock a file
/// that a newcomer no longer sees.
/// </summary>
public sealed class ExclusiveFileLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private readonly FileStream _file;

    private ExclusiveFileLock(FileStream file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock on <paramref name="path"/>, creating the file (and its folder).</summary>
    /// <exception cref="IOException">Another holder kept the lock for all of <paramref name="timeout"/>, or the file cannot be opened.</exception>
    public static ExclusiveFileLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new ExclusiveFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (LockContention.IsHeldElsewhere(e))
            {
                if (DateTime.UtcNow >= deadline)
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{path}: still locked by another writer after {timeout.TotalSeconds:F0} s ({e.Message})"), e);
                Thread.Sleep(Poll);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
