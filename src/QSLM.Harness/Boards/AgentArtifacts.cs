using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;
using QSLM.Errors;

namespace QSLM.Harness.Boards;

/// <summary>
/// Which agent build each board gets, from what <c>qslm</c> was built with:
/// <list type="bullet">
/// <item>a local board: <c>dotnet qslm-agent.dll</c>, the framework-dependent agent built beside <c>qslm</c>;</item>
/// <item>a local board with an emulator: the self-contained, trimmed linux-arm64 agent;</item>
/// <item>an SSH board: the self-contained agent for its profile's runtime id (linux-arm64 without a profile),
/// or, with <see cref="BoardsHaveDotnet"/>, the framework-dependent files run by the board's <c>dotnet</c>;</item>
/// <item>a serial board: nothing (its agent is installed on it and serves its tty).</item>
/// </list>
/// The self-contained agents are built with <c>qslm</c> and lie beside it, in <c>agents/RID/</c> (nothing is
/// published at run time, so an installed <c>qslm</c> needs no source tree); the framework-dependent bundle
/// is copied to <c>runs/agents/dotnet-HASH/</c>.
/// </summary>
/// <param name="runsFolder">Where caches and local boards' folders live (the repository's <c>runs/</c> by default).</param>
public sealed class AgentArtifacts(string? runsFolder = null)
{
    /// <summary>Runtime id an SSH board gets when its bench entry names no profile.</summary>
    public const string DefaultRemoteRuntime = "linux-arm64";

    /// <summary>The agent's executable in a self-contained build.</summary>
    public const string Executable = "qslm-agent";

    /// <summary>Where the self-contained agents lie: <c>agents/</c> beside this program.</summary>
    public static string SelfContainedRoot => Path.Combine(AppContext.BaseDirectory, "agents");

    /// <summary>The <c>runs/</c> folder.</summary>
    public string RunsFolder { get; } = Path.GetFullPath(runsFolder ?? RepositoryPaths.Runs);

    /// <summary>Deploy the framework-dependent agent to SSH boards and run it with their <c>dotnet</c>
    /// (quick: no publish; the boards must have the .NET 10 runtime).</summary>
    public bool BoardsHaveDotnet { get; init; }

    /// <summary>The framework-dependent agent beside this program (the CLI references the agent project).</summary>
    public static string AgentDll => typeof(QSLM.Agent.Diagnostics.ProcessMemory).Assembly.Location;

    /// <summary>Where local boards keep their folders, one per board name.</summary>
    public string LocalBoardsFolder => Path.Combine(RunsFolder, "boards");

    /// <summary>The agent for <paramref name="board"/> (run by <paramref name="profile"/>, if any).</summary>
    public AgentDeployment For(BoardEntry board, FirmwareProfile? profile)
    {
        var local = AgentLaunch.Dotnet(AgentDll);
        switch (board.Link)
        {
            case BoardLink.Local when board.Emulator is not null:
                var rid = profile?.RuntimeId ?? DefaultRemoteRuntime;
                return new AgentDeployment(local, LocalBoardsFolder, Arm64Executable: Path.Combine(SelfContainedFolder(rid), Executable));
            case BoardLink.Ssh when BoardsHaveDotnet:
                return new AgentDeployment(local, LocalBoardsFolder, FrameworkDependentBundle());
            case BoardLink.Ssh:
                var runtime = profile?.RuntimeId ?? DefaultRemoteRuntime;
                return new AgentDeployment(local, LocalBoardsFolder, new AgentBundle(SelfContainedFolder(runtime), Executable));
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
        MoveIntoPlace(temp, folder);
        return new AgentBundle(folder, Path.GetFileName(AgentDll), "dotnet");
    }

    /// <summary>The folder of the self-contained agent for <paramref name="runtimeId"/>, built with <c>qslm</c>.</summary>
    /// <exception cref="InputException">No agent for that runtime id was built (a profile names another one).</exception>
    /// <exception cref="InvalidOperationException">This <c>qslm</c> was built or installed without its agents.</exception>
    public static string SelfContainedFolder(string runtimeId)
    {
        var folder = Path.Combine(SelfContainedRoot, runtimeId);
        if (File.Exists(Path.Combine(folder, Executable))) return folder;
        var built = Directory.Exists(SelfContainedRoot)
            ? Directory.EnumerateDirectories(SelfContainedRoot).Where(d => File.Exists(Path.Combine(d, Executable))).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        if (built.Count == 0)
            throw new InvalidOperationException($"no self-contained agents beside qslm (expected {Path.Combine(folder, Executable)}): the build places them there; rebuild qslm, or publish it with dotnet publish src/QSLM.Cli");
        throw new InputException($"no self-contained agent for {runtimeId}: qslm was built with agents for {string.Join(", ", built)} (set QslmAgentRuntimes when building to add one)");
    }

    /// <summary>Renames <paramref name="temp"/> to <paramref name="folder"/>; when another process got
    /// there first, keeps theirs (the same build) and deletes ours.</summary>
    private static void MoveIntoPlace(string temp, string folder)
    {
        try
        {
            Directory.Move(temp, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
