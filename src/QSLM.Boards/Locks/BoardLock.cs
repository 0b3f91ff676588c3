using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QSLM.Boards.Inventory;
using QSLM.Errors;

namespace QSLM.Boards.Locks;

/// <summary>
/// A board held by one QSLM process on this host, so two runs never drive the same board at once (their windows would
/// measure each other's work). The lock is an exclusive <c>flock</c> on a file named after the board's address, taken
/// through .NET's <see cref="FileShare.None"/>, which the kernel releases when the process ends however it ends: a
/// killed run leaves no stale lock. Beside it a holder file names the process, so a second run can say who holds the
/// board. Across hosts boards belong to a farm engine (LAVA), not to this lock.
/// </summary>
public sealed class BoardLock : IDisposable
{
    /// <summary>The environment variable that names the lock folder (tests give each run its own).</summary>
    public const string FolderVariable = "QSLM_LOCKS";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly FileStream _stream;
    private readonly string _holderPath;

    private BoardLock(FileStream stream, string holderPath)
    {
        _stream = stream;
        _holderPath = holderPath;
    }

    /// <summary>Where the locks are: <c>$QSLM_LOCKS</c>, else <c>/run/lock/qslm</c> where that can be written, else
    /// <c>qslm-locks</c> in the temporary folder. A folder this creates is writable by every user, as <c>/run/lock</c> is
    /// (sticky), since QSLM processes of several users on one host share its boards.</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given) return given;
            const string shared = "/run/lock/qslm";
            try
            {
                if (!Directory.Exists(shared))
                {
                    Directory.CreateDirectory(shared);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shared, SharedFolderMode);
                }
                return shared;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Path.Combine(Path.GetTempPath(), "qslm-locks");
            }
        }
    }

    private const UnixFileMode SharedFolderMode = UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode SharedFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>The lock's name for <paramref name="board"/> of <paramref name="bench"/>: its address (an SSH user, host
    /// and port; a serial device), so two bench files that name one board differently still share its lock; a local
    /// board (this machine, or an emulator on it) by its name and its bench file's path.</summary>
    public static string Key(Bench bench, BoardEntry board)
    {
        var address = board.Link switch
        {
            BoardLink.Ssh when board.Ssh is { } ssh => string.Create(CultureInfo.InvariantCulture, $"ssh-{ssh.User}@{ssh.Host}-{ssh.Port}"),
            BoardLink.Serial when board.Serial is { } serial => "serial-" + serial.Device,
            _ => $"local-{board.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(bench.Path))))[..12]}",
        };
        return new string([.. address.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_')]);
    }

    /// <summary>Takes the lock of <paramref name="board"/> of <paramref name="bench"/>, waiting up to <paramref name="wait"/> while another process holds it.</summary>
    /// <param name="bench">The bench file it is in.</param>
    /// <param name="board">The board.</param>
    /// <param name="wait">How long to wait for another holder (zero: not at all).</param>
    /// <param name="what">What this process is doing with it, for the holder file (a command line, never a secret).</param>
    /// <param name="waiting">Told once, with the holder, when the board is held and this waits for it.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InfrastructureFailureException">Another process still holds the board after the wait; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    public static BoardLock Acquire(Bench bench, BoardEntry board, TimeSpan wait, string what, Action<string>? waiting = null, CancellationToken cancellationToken = default)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var key = Key(bench, board);
        var path = Path.Combine(folder, key + ".lock");
        var holderPath = Path.Combine(folder, key + ".holder");
        var deadline = DateTime.UtcNow + wait;
        var told = false;
        while (true)
        {
            try
            {
                var created = !File.Exists(path);
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var holder = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z: {what}");
                try
                {
                    File.WriteAllText(holderPath, holder + "\n");
                    // Another user's QSLM takes the board next: the files stay writable to it.
                    if (!OperatingSystem.IsWindows())
                    {
                        if (created) File.SetUnixFileMode(path, SharedFileMode);
                        File.SetUnixFileMode(holderPath, SharedFileMode);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The lock is held; only the note of who holds it could not be written or shared.
                }
                return new BoardLock(stream, holderPath);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InfrastructureFailureException($"board {board.Name}: its lock {path} cannot be opened ({e.Message}); set {FolderVariable} to a folder every QSLM user of this host can write", e);
            }
            catch (IOException e) when (LockContention.IsHeldElsewhere(e))
            {
                var holder = Holder(holderPath);
                if (DateTime.UtcNow >= deadline)
                {
                    var waited = wait > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" after waiting {wait.TotalSeconds:0} s") : "";
                    throw new InfrastructureFailureException($"board {board.Name} is in use by {holder}{waited} (lock {path}); wait for it with --board-wait SECONDS, or run on another board");
                }
                if (!told)
                {
                    waiting?.Invoke(string.Create(CultureInfo.InvariantCulture, $"board {board.Name} is in use by {holder}; waiting up to {wait.TotalSeconds:0} s"));
                    told = true;
                }
                cancellationToken.WaitHandle.WaitOne(Poll);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    // The holder writes its file just after it takes the lock: a moment may pass in between, or the holder's writer died.
    private static string Holder(string holderPath)
    {
        try
        {
            return File.ReadAllText(holderPath).Trim() is { Length: > 0 } text ? text : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(_holderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock itself is what counts; a holder file left behind is overwritten by the next holder.
        }
        _stream.Dispose();
    }
}
