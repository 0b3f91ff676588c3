using QSLM.Boards.Inventory;
using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Local;

namespace QSLM.Cli.Search;

/// <summary>The board a search measures on: a named board of a bench file, brought up through its transport.</summary>
internal static class SearchBoard
{
    /// <summary>The board named <paramref name="name"/> in <paramref name="benchPath"/>, with its profile's entry.</summary>
    public static (BoardSession Session, BoardEntry Entry) Open(string benchPath, string name)
    {
        var bench = BenchFile.Load(benchPath);
        var entry = bench.Boards.FirstOrDefault(b => b.Name == name)
            ?? throw new ArgumentException($"unknown board '{name}' in {benchPath} (boards: {string.Join(", ", bench.Boards.Select(b => b.Name))})");
        var agent = new AgentDeployment(AgentLaunch.Dotnet(Path.Combine(AppContext.BaseDirectory, "qslm-agent.dll")), Path.Combine(RepositoryPaths.Root, "runs", "boards"));
        return (new BoardSession(entry.Name, BoardTransports.Create(entry, agent)), entry);
    }
}
