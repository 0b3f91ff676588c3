using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Harness.Boards;

namespace QSLM.Harness.Search;

/// <summary>The board a search measures on: a named board of a bench file, brought up through its
/// transport with the agent its profile needs (<see cref="BoardSessions"/>), the memory budget its
/// profile sets, and what its bench entry and profile say about its meters and settings.</summary>
/// <param name="Session">The board's session (not yet connected).</param>
/// <param name="Budget">The memory a candidate may take there.</param>
/// <param name="Entry">The board's bench entry (its meters).</param>
/// <param name="Profile">Its firmware profile (sensors and settings), if it names one.</param>
public sealed record SearchBoard(BoardSession Session, BoardMemoryBudget Budget, BoardEntry Entry, FirmwareProfile? Profile)
{
    /// <summary>The board named <paramref name="name"/> in <paramref name="benchPath"/>.</summary>
    /// <remarks>Profiles come from the first <c>firmware-profiles/</c> folder at or above the bench file
    /// (the repository's for <c>hardware/*.yaml</c>), else the repository's: the folder a bench's profile
    /// names are checked against is the one they are read from.</remarks>
    /// <param name="benchPath">The bench file.</param>
    /// <param name="name">The board's name in it.</param>
    /// <param name="lockWait">How long to wait for the board when another QSLM process on this host holds it.</param>
    public static SearchBoard Open(string benchPath, string name, TimeSpan lockWait = default)
    {
        var profiles = ProfilesFolderFor(benchPath);
        var bench = BenchFile.Load(benchPath, profiles);
        var entry = BoardSessions.Find(bench, name);
        var profile = BoardSessions.Profile(entry, profiles);
        return new SearchBoard(BoardSessions.Open(bench, name, profilesFolder: profiles, lockWait: lockWait), BoardMemoryBudget.Of(profile), entry, profile);
    }

    /// <summary>The firmware profiles a bench file's boards are read with.</summary>
    public static string ProfilesFolderFor(string benchPath) =>
        FirmwareProfiles.FindFolder(Path.GetDirectoryName(Path.GetFullPath(benchPath))!) ?? BoardSessions.DefaultProfilesFolder;
}
