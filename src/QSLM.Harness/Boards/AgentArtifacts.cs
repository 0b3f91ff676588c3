using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Harness.Boards;

/// <summary>
/// Which agent build each board gets, from what <c>qslm</c> was built with:
/// <list type="bullet">
/// <item>a local board: <c>dotnet qslm-agent.dll</c>, the framework-dependent agent built beside <c>qslm</c>;</item>
/// <item>a local board with an emulator: the self-contained, trimmed linux-arm64 agent (<see cref="AgentPublishCache"/>);</item>
/// <item>an SSH board: the self-contained agent for its profile's runtime id (linux-arm64 without a profile),
/// or, with <see cref="BoardsHaveDotnet"/>, the framework-dependent files run by the board's <c>dotnet</c>;</item>
/// <item>a serial board: nothing (its agent is installed on it and serves its tty).</item>
/// </list>
/// Self-contained publishes are made once per agent build and runtime id and cached under
/// <c>runs/agents/</c>; the framework-dependent bundle is copied to <c>runs/agents/dotnet-HASH/</c>.
/// </summary>
/// <param name="runsFolder">Where caches and local boards' folders live (the repository's <c>runs/</c> by default).</param>
public sealed class AgentArtifacts(string? runsFolder = null)
{
    /// <summary>Runtime id an SSH board gets when its bench entry names no profile.</summary>
    public const string DefaultRemoteRuntime = "linux-arm64";

    /// <summary>The <c>runs/</c> folder.</summary>
    public string RunsFolder { get; } = Path.GetFullPath(runsFolder ?? RepositoryPaths.Runs);

    /// <summary>Deploy the framework-dependent agent to SSH boards and run it with their <c>dotnet</c>
    /// (quick: no publish; the boards must have the .NET 10 runtime).</summary>
    public bool BoardsHaveDotnet { get; init; }

    /// <summary>The framework-dependent agent beside this program (the CLI references the agent project).</summary>
    public static string AgentDll => typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location;

    /// <summary>Where local boards keep their folders, one per board name.</summary>
    public string LocalBoardsFolder => Path.Combine(RunsFolder, "boards");

    /// <summary>The agent for <paramref name="board"/> (run by <paramref name="profile"/>, if any);
    /// <paramref name="progress"/> hears about a publish, which takes a minute the first time.</summary>
    public AgentDeployment For(BoardEntry board, FirmwareProfile? profile, Action<string>? progress = null)
    {
        var local = AgentLaunch.Dotnet(AgentDll);
        switch (board.Link)
        {
            case BoardLink.Local when board.Emulator is not null:
                var rid = profile?.RuntimeId ?? DefaultRemoteRuntime;
                var folder = new AgentPublishCache(RunsFolder).Get(rid, progress);
                return new AgentDeployment(local, LocalBoardsFolder, Arm64Executable: Path.Combine(folder, AgentPublishCache.Executable));
            case BoardLink.Ssh when BoardsHaveDotnet:
                return new AgentDeployment(local, LocalBoardsFolder, FrameworkDependentBundle());
            case BoardLink.Ssh:
                var runtime = profile?.RuntimeId ?? DefaultRemoteRuntime;
                return new AgentDeployment(local, LocalBoardsFolder, new AgentBundle(new AgentPublishCache(RunsFolder).Get(runtime, progress), AgentPublishCache.Executable));
            default:
                return new AgentDeployment(local, LocalBoardsFolder);
        }
    }

    /// <summary>The framework-dependent agent's files, copied once per build to <c>runs/agents/dotnet-HASH/</c>.</summary>
    public AgentBundle FrameworkDependentBundle()
    {
        var folder = Path.Combine(RunsFolder, "agents", "dotnet-" + AgentBuildOutput.Hash(AgentDll)[..16]);
        if (Directory.Exists(folder)) return new AgentBundle(folder, Path.GetFileName(AgentDll), "dotnet");
        // Copied aside then renamed, so a half-copied folder is never taken for a bundle.
        var temp = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        AgentBuildOutput.CopyFrameworkDependent(AgentDll, temp);
        AgentPublishCache.MoveIntoPlace(temp, folder);
        return new AgentBundle(folder, Path.GetFileName(AgentDll), "dotnet");
    }
}
