using QSLM.Boards.Inventory;
using QSLM.Boards.Sessions;
using QSLM.Cli.Boards;

namespace QSLM.Cli.Search;

/// <summary>The board a search measures on: a named board of a bench file, brought up through its
/// transport with the agent its profile needs (<see cref="BoardSessions"/>).</summary>
internal static class SearchBoard
{
    /// <summary>The board named <paramref name="name"/> in <paramref name="benchPath"/>, and its entry.</summary>
    public static (BoardSession Session, BoardEntry Entry) Open(string benchPath, string name)
    {
        var bench = BenchFile.Load(benchPath);
        var entry = BoardSessions.Find(bench, name);
        return (BoardSessions.Open(bench, name, progress: Console.WriteLine), entry);
    }
}
