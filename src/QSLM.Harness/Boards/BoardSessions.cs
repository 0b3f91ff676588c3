using QSLM.Errors;
using QSLM.Boards.Locks;
using Microsoft.Extensions.Logging;
using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;

namespace QSLM.Harness.Boards;

/// <summary>From a bench file's board name to a ready <see cref="BoardSession"/>: the board's profile
/// read, its agent chosen by <see cref="AgentArtifacts"/>, its transport made. Nothing is connected
/// until the session's first operation.</summary>
public static class BoardSessions
{
    /// <summary>The repository's <c>firmware-profiles/</c>.</summary>
    public static string DefaultProfilesFolder => Path.Combine(RepositoryPaths.Root, FirmwareProfiles.FolderName);

    /// <summary>The board <paramref name="boardName"/> of <paramref name="bench"/>, or an <see cref="QSLM.Errors.InputException"/>
    /// "unknown board 'X' in FILE (boards: a, b)".</summary>
    public static BoardEntry Find(Bench bench, string boardName) =>
        bench.Boards.FirstOrDefault(b => b.Name == boardName)
        ?? throw new QSLM.Errors.InputException($"unknown board '{boardName}' in {bench.Path} (boards: {string.Join(", ", bench.Boards.Select(b => b.Name))})");

    /// <summary>The board's firmware profile from <paramref name="profilesFolder"/>, or null when it names none.</summary>
    public static FirmwareProfile? Profile(BoardEntry board, string? profilesFolder = null) =>
        board.Profile is { } name ? FirmwareProfiles.Load(profilesFolder ?? DefaultProfilesFolder, name) : null;

    /// <summary>A session with the board named <paramref name="boardName"/> in <paramref name="bench"/>.</summary>
    /// <param name="bench">The bench file read by <see cref="BenchFile.Load"/>.</param>
    /// <param name="boardName">The board's name in it.</param>
    /// <param name="artifacts">Where its agent comes from (default: <c>runs/</c>, self-contained for SSH boards).</param>
    /// <param name="profilesFolder">Firmware profiles (default: the repository's).</param>
    /// <param name="options">Retry, breaker and timeouts (default: <see cref="BoardResilienceOptions"/>' defaults).</param>
    /// <param name="log">Bring-up and failure lines (never a secret).</param>
    /// <param name="lockWait">How long to wait when another QSLM process on this host holds the board (<see cref="BoardLock"/>).</param>
    /// <param name="waiting">Told, with the holder, when the board is held and this waits for it (default: the log).</param>
    /// <exception cref="InfrastructureFailureException">Another process still holds the board after <paramref name="lockWait"/>.</exception>
    public static BoardSession Open(Bench bench, string boardName, AgentArtifacts? artifacts = null, string? profilesFolder = null,
        BoardResilienceOptions? options = null, ILogger? log = null, TimeSpan lockWait = default, Action<string>? waiting = null)
    {
        var board = Find(bench, boardName);
        BenchFile.RequireKeyFile(bench, board);
        var deployment = (artifacts ?? new AgentArtifacts()).For(board, Profile(board, profilesFolder));
        var held = BoardLock.Acquire(bench, board, lockWait, string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Prepend("qslm")), waiting ?? (line => log?.LogWarning("{Line}", line)));
        try
        {
            return new BoardSession(board.Name, BoardTransports.Create(board, deployment), options, log: log).Holding(held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }
}
