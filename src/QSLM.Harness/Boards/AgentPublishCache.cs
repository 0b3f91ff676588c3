using System.Diagnostics;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Harness.Boards;

/// <summary>
/// Self-contained, trimmed publishes of the agent (<c>dotnet publish src/QSLM.Agent -r RID --self-contained
/// -p:PublishTrimmed=true</c>), one per runtime id and agent build, in <c>runs/agents/RID-HASH/</c> where
/// HASH covers the agent's built assemblies beside <c>qslm</c> (so a changed agent gets a new publish and
/// an unchanged one is reused). Each publish builds in a private artifacts folder and lands under a
/// temporary name that is renamed into place, so two processes racing to publish both end with one
/// complete folder and never see a partial one.
/// </summary>
public sealed class AgentPublishCache(string runsFolder)
{
    /// <summary>The agent's executable in a self-contained publish.</summary>
    public const string Executable = "qslm-agent";

    /// <summary>The publish folder for <paramref name="runtimeId"/>, publishing it first if needed.</summary>
    public string Get(string runtimeId, Action<string>? progress)
    {
        var agents = Path.Combine(runsFolder, "agents");
        var folder = Path.Combine(agents, runtimeId + "-" + AgentBuildOutput.Hash(AgentArtifacts.AgentDll)[..16]);
        if (File.Exists(Path.Combine(folder, Executable))) return folder;
        var project = Path.Combine(RepositoryPaths.Root, "src", "QSLM.Agent", "QSLM.Agent.csproj");
        if (!File.Exists(project)) throw new InvalidOperationException($"cannot publish the {runtimeId} agent: {project} is missing (qslm publishes it from the repository's source)");
        var work = Path.Combine(agents, ".publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            progress?.Invoke($"publishing the self-contained {runtimeId} agent into {folder} (once per agent build; several minutes the first time)");
            Publish(project, runtimeId, Path.Combine(work, "artifacts"), Path.Combine(work, "out"), progress);
            MoveIntoPlace(Path.Combine(work, "out"), folder);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        return folder;
    }

    /// <summary>Renames <paramref name="temp"/> to <paramref name="folder"/>; when another process got
    /// there first, keeps theirs (the same build) and deletes ours.</summary>
    public static void MoveIntoPlace(string temp, string folder)
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

    /// <summary>How often a publish in progress says it still runs: a person or a log must not see minutes of silence.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    private static void Publish(string project, string runtimeId, string artifacts, string output, Action<string>? progress)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-r", runtimeId, "--self-contained", "-p:PublishTrimmed=true", "--artifacts-path", artifacts, "-o", output, "--nologo", "-v", "quiet" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(HeartbeatInterval))
            progress?.Invoke($"still publishing the {runtimeId} agent ({clock.Elapsed.TotalSeconds:F0} s so far)");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of the {runtimeId} agent failed (exit {process.ExitCode}): {(stdout.Result + stderr.Result).Trim()}");
    }
}
