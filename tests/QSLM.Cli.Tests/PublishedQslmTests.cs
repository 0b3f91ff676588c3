using QSLM.Benchmarks.Deployment;

namespace QSLM.Cli.Tests;

/// <summary><c>qslm</c> published into a folder of its own, as an installation is, and run from outside the
/// repository: it carries its self-contained agents beside itself and deploys them without a source tree.</summary>
public sealed class PublishedQslmTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-published-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_qslm_published_outside_the_repository_deploys_its_own_self_contained_agent_to_an_ssh_board()
    {
        var install = _temp.File("install");
        // --no-build: the build that made these tests made qslm and its agents; the publish lays them out.
        var publish = ChildProcess.Run("dotnet", ["publish", Path.Combine(RepositoryFiles.Root, "src", "QSLM.Cli", "QSLM.Cli.csproj"), "-c", "Release", "--no-build", "-o", install, "--nologo", "-v", "quiet"]);
        Assert.True(publish.ExitCode == 0, publish.StdOut + publish.StdErr);
        foreach (var rid in new[] { "linux-arm64", "linux-x64" })
            Assert.True(File.Exists(Path.Combine(install, "agents", rid, "qslm-agent")), $"the publish lacks the {rid} agent");

        using var sshd = new LoopbackSshd(Directory.CreateDirectory(_temp.File("sshd")).FullName);
        var profiles = Directory.CreateDirectory(_temp.File("profiles")).FullName;
        File.Copy(Path.Combine(RepositoryFiles.Root, "firmware-profiles", "local.yaml"), Path.Combine(profiles, "local.yaml"));
        var bench = _temp.File("bench.yaml");
        LoopbackSshBench.Write(bench, "installed", sshd, _temp.File("board"));
        var outside = Directory.CreateDirectory(_temp.File("elsewhere")).FullName;
        var result = ChildProcess.Run(Path.Combine(install, "qslm"), ["boards", "check", bench, "--profiles", profiles, "--runs", _temp.File("runs")],
            new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" }, workingDirectory: outside);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("ready: over-ssh (ssh ", result.StdOut);
        Assert.Contains("on linux-x64", result.StdOut);
        // The board got the self-contained agent (its executable and the runtime with it, not qslm-agent.dll
        // for a dotnet the board may lack), and nothing was published or cached at run time.
        var deployed = Assert.Single(Directory.GetDirectories(Path.Combine(_temp.File("board"), "agents")));
        Assert.True(File.Exists(Path.Combine(deployed, "qslm-agent")));
        Assert.True(File.Exists(Path.Combine(deployed, "System.Private.CoreLib.dll")));
        Assert.False(Directory.Exists(Path.Combine(_temp.File("runs"), "agents")));
    }
}
