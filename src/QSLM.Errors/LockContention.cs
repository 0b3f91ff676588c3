namespace QSLM.Errors;

/// <summary>
/// Tells, of an <see cref="IOException"/> from opening a file with <see cref="FileShare.None"/> (how QSLM takes
/// <c>flock(LOCK_EX | LOCK_NB)</c> on Unix and a sharing lock on Windows), whether another open holds the file: the
/// one failure worth waiting out. Anything else (a read-only disk, a missing folder) is not a holder.
/// </summary>
public static class LockContention
{
    /// <summary>Whether <paramref name="e"/> says another open holds the file: flock's EWOULDBLOCK on Unix (the HResult
    /// is the errno, 11 on Linux and 35 on macOS and the BSDs), a sharing or lock violation on Windows.</summary>
    public static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException)
        && (OperatingSystem.IsWindows() ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021) : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35));
}
