using System.Diagnostics;
using QSLM.Farm.Lava;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>
/// A real LAVA 2023.01 on 127.0.0.1 with two <c>ssh</c> devices, once per test run: the farm <c>./run-tests</c> brought
/// up (<c>$QSLM_LAVA_RUN</c> names its run folder), else one this fixture brings up with <c>farm/lava/up</c> and stops
/// with <c>farm/lava/down</c>. Two SST-2 models packed once for the tests. When LAVA cannot start, every test of the
/// collection fails and says why: never a silent pass, under <c>CI=true</c> or not.
/// </summary>
public sealed class LavaFarm : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-farm-");
    private readonly bool _owned;
    private readonly string? _unavailable;

    public LavaFarm()
    {
        var given = Environment.GetEnvironmentVariable("QSLM_LAVA_RUN");
        if (given is not null && File.Exists(Path.Combine(given, "state.env")))
        {
            Run = given;
        }
        else
        {
            // lava-server's shell runs as lavaserver and writes the farm's secrets folder: it must pass through.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            Run = _temp.File("farm");
            var up = Script("up", Run);
            _owned = true;
            if (up.ExitCode != 0) _unavailable = $"farm/lava/up exited {up.ExitCode}: {Last(up.StdErr + up.StdOut)}";
        }
        if (_unavailable is null && !File.Exists(ConfigPath)) _unavailable = $"no {ConfigPath}: the farm in {Run} is not up";
        if (_unavailable is not null) return;
        Url = File.ReadAllLines(ConfigPath).Single(l => l.StartsWith("url:", StringComparison.Ordinal))[4..].Trim();
        Token = File.ReadAllLines(ConfigPath).Single(l => l.StartsWith("token:", StringComparison.Ordinal))[6..].Trim();
        Int8 = Pack("sst2-int8.qslm", "*=int8");
        Int4 = Pack("sst2-int4.qslm", "*=int4_g32");
    }

    /// <summary>The farm's run folder (state.env, lava.yaml, logs).</summary>
    public string Run { get; }

    /// <summary>The folder LAVA reads health checks from (HEALTH_CHECKS_PATH): <c>ssh.yaml</c> there is the ssh devices' check.</summary>
    public string HealthChecks => Path.Combine(Run, "health-checks");

    /// <summary>QSLM's LAVA configuration file the farm wrote (mode 0600).</summary>
    public string ConfigPath => Path.Combine(Run, "lava.yaml");

    /// <summary>The server's URL.</summary>
    public string Url { get; } = "";

    /// <summary>The API token, only to look for it where it must not be.</summary>
    public string Token { get; } = "";

    /// <summary>The SST-2 classifier packed int8.</summary>
    public string Int8 { get; } = "";

    /// <summary>The SST-2 classifier packed int4 (groups of 32).</summary>
    public string Int4 { get; } = "";

    /// <summary>
    /// The environment of the qslm processes the farm's tests start: one thread, and board locks in the farm's own
    /// folder. The test assemblies run side by side on this one host, and another assembly's search may hold the host's
    /// <c>local</c> board for minutes; the direct-mode runs here only compare figures priced from counted operations,
    /// which sharing the processor does not change, so they must not queue behind (or refuse) that search.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment => new Dictionary<string, string>
    {
        ["OMP_NUM_THREADS"] = "1",
        [QSLM.Boards.Locks.BoardLock.FolderVariable] = _temp.File("locks"),
    };

    /// <summary>The farm's devices, board 1 first.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["qslm-ssh-01", "qslm-ssh-02"];

    /// <summary>Fails the calling test, saying why, when LAVA is not up.</summary>
    public void Require()
    {
        if (_unavailable is not null)
            Assert.Fail($"LAVA is not available, so this test cannot run (CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}): {_unavailable}");
    }

    /// <summary>A client of the farm's server with its token.</summary>
    public LavaClient Client() => new(LavaSettings.Resolve(Url, ConfigPath, _ => null));

    /// <summary>Runs farm/lava/<paramref name="script"/> with <paramref name="args"/>.</summary>
    internal static ChildProcess.Result Script(string script, params string[] args) =>
        ChildProcess.Run(Path.Combine(RepositoryFiles.Root, "farm", "lava", script), args, timeoutSeconds: 900);

    private string Pack(string name, string assign)
    {
        var path = _temp.File(name);
        var packed = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["pack", "--checkpoint", RepositoryFiles.ReferenceSst2, "--embedding-from", RepositoryFiles.ReferenceLm, "--assign", assign, "-o", path],
            new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" }, RepositoryFiles.Root);
        if (packed.ExitCode != 0) throw new InvalidOperationException($"qslm pack failed: {packed.StdErr}");
        return path;
    }

    private static string Last(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    public void Dispose()
    {
        if (_owned)
        {
            var down = Script("down", Run);
            Debug.Assert(down.ExitCode == 0, down.StdErr);
        }
        _temp.Dispose();
    }
}

/// <summary>The tests that share one real LAVA.</summary>
[CollectionDefinition(Name)]
public sealed class LavaCollection : ICollectionFixture<LavaFarm>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "real LAVA";
}
