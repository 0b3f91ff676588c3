namespace QSLM.Cli.Tests.Scripts;

/// <summary>
/// The <c>./qslm</c> launcher builds the CLI before it runs it. A build must not rewrite what another
/// launcher may be running: TorchSharp's native library in the output folder is patched once, in
/// <c>obj/</c>, and copied by MSBuild's incremental copy, so a rebuild leaves it as it is, and
/// launchers started together all load it.
/// </summary>
public sealed class LauncherBuildTests
{
    private static readonly string Launcher = Path.Combine(RepositoryFiles.Root, "qslm");

    private static readonly string NativeLibrary = Path.Combine(
        RepositoryFiles.Root, "src", "QSLM.Cli", "bin", "Release", "net10.0", "linux-x64", "libLibTorchSharp.so");

    private static readonly Dictionary<string, string> OneThread = new() { ["OMP_NUM_THREADS"] = "1" };

    [Fact]
    public void A_rebuild_leaves_the_patched_native_library_in_the_output_untouched()
    {
        var first = ChildProcess.Run(Launcher, ["formats"], OneThread, RepositoryFiles.Root);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var before = Identity(NativeLibrary);

        var second = ChildProcess.Run(Launcher, ["formats"], OneThread, RepositoryFiles.Root);

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(before, Identity(NativeLibrary));
    }

    [Fact]
    public async Task Launchers_started_together_all_load_torch_and_print_the_same_table()
    {
        // formats runs through the torch set-up (thread count), so an unpatched or half-written
        // libLibTorchSharp.so fails it with TorchSharp's type-initializer error.
        var runs = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => ChildProcess.Run(Launcher, ["formats"], OneThread, RepositoryFiles.Root)))
            .ToArray();
        var results = await Task.WhenAll(runs);

        foreach (var result in results) Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Single(results.Select(r => r.StdOut).Distinct());
        Assert.Contains("int4_g32", results[0].StdOut);
    }

    // An inode and a modification time: a file rewritten in place or renamed over changes one of them.
    private static string Identity(string path)
    {
        var stat = ChildProcess.Run("stat", ["-c", "%i %Y.%y", path]);
        Assert.Equal(0, stat.ExitCode);
        return stat.StdOut.Trim();
    }
}
