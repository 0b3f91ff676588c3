namespace QSLM.Cli.Tests.Scripts;

/// <summary>
/// <c>./run-tests</c> on a machine that lacks its system packages: it asks apt to wait for dpkg's lock
/// (another apt may hold it), and whatever stops it, its last line is the "N passed, N failed" summary
/// that CI and people read. The machine's apt is replaced by a stand-in on <c>PATH</c> that records
/// its arguments and fails, as an apt that never got the lock does.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunTestsScriptTests : IDisposable
{
    private readonly TemporaryFolder _temp = new();

    [Fact]
    public void A_failed_install_waits_for_the_apt_lock_and_still_ends_with_the_summary_line()
    {
        var bin = _temp.File("bin");
        Directory.CreateDirectory(bin);
        // Only the tools run-tests needs besides apt: patchelf and qemu-aarch64 are then missing, so it installs.
        foreach (var tool in new[] { "mktemp", "grep", "awk", "find", "sort", "cat", "id", "dirname", "rm", "diff", "head", "tee", "sudo", "true" })
        {
            var target = ChildProcess.Run("bash", ["-c", $"command -v {tool} || true"]).StdOut.Trim();
            if (target.Length > 0) File.CreateSymbolicLink(Path.Combine(bin, tool), target);
        }
        var calls = _temp.File("apt-calls.txt");
        WriteScript(Path.Combine(bin, "apt-get"), $"echo \"$*\" >> '{calls}'\nexit 100");
        WriteScript(Path.Combine(bin, "dpkg"), "exit 0");
        WriteScript(Path.Combine(bin, "dotnet"), "exit 1");

        var result = ChildProcess.Run("/bin/bash", [Path.Combine(RepositoryFiles.Root, "run-tests")],
            new Dictionary<string, string> { ["PATH"] = bin }, RepositoryFiles.Root, timeoutSeconds: 120);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("0 passed, 1 failed", result.StdOut.TrimEnd().Split('\n')[^1]);
        if (Environment.UserName == "root")
        {
            var aptCall = Assert.Single(File.ReadAllLines(calls));
            Assert.Contains("DPkg::Lock::Timeout=600", aptCall);
            Assert.Contains("still holding its lock", result.StdErr);
        }
        else
        {
            Assert.Contains("root or passwordless sudo", result.StdErr);
        }
    }

    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _temp.Dispose();
}
