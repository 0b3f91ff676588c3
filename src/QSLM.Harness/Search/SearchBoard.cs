using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Sessions;
using QSLM.Harness.Boards;

namespace QSLM.Harness.Search;

/// <summary>The board a search measures on: a named board of a bench file, brought up through its
/// transport with the agent its profile needs (<see cref="BoardSessions"/>), and the memory budget
/// its profile sets.</summary>
public static class SearchBoard
{
    /// <summary>The board named <paramref name="name"/> in <paramref name="benchPath"/>, and the memory a candidate may take there.</summary>
    /// <remarks>Profiles come from the first <c>firmware-profiles/</c> folder at or above the bench file
    /// (the repository's for <c>hardware/*.yaml</c>), else the repository's: the folder a bench's profile
    /// names are checked against is the one they are read from.</remarks>
    /// <param name="benchPath">The bench file.</param>
    /// <param name="name">The board's name in it.</param>
    public static (BoardSession Session, BoardMemoryBudget Budget) Open(string benchPath, string name)
    {
        var profiles = ProfilesFolderFor(benchPath);
        var bench = BenchFile.Load(benchPath, profiles);
        var profile = BoardSessions.Profile(BoardSessions.Find(bench, name), profiles);
        return (BoardSessions.Open(bench, name, profilesFolder: profiles), BoardMemoryBudget.Of(profile));
    }

    /// <summary>The firmware profiles a bench file's boards are read with.</summary>
    public static string ProfilesFolderFor(string benchPath) =>
        FirmwareProfiles.FindFolder(Path.GetDirectoryName(Path.GetFullPath(benchPath))!) ?? BoardSessions.DefaultProfilesFolder;
}
