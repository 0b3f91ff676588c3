namespace QSLM.Boards.Tests.Fixtures;

/// <summary>A fake board for the agent's <c>--sensors-root</c> and <c>--programs-path</c>: cpufreq policies, the
/// nvpmodel status file, and stand-ins for <c>nvpmodel</c> and <c>jetson_clocks</c> that change the tree as the real
/// programs change the board.</summary>
internal sealed class FakeBoardTree : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-fake-board-");

    public FakeBoardTree() => Directory.CreateDirectory(Programs);

    /// <summary>The tree (<c>--sensors-root</c>).</summary>
    public string Root => _temp.File("root");

    /// <summary>The agent's program folder (<c>--programs-path</c>), empty until a program is added.</summary>
    public string Programs => _temp.File("bin");

    public string[] ServeOptions => ["--sensors-root", Root, "--programs-path", Programs];

    public string PolicyFile(int policy, string attribute) => System.IO.Path.Combine(Root, $"sys/devices/system/cpu/cpufreq/policy{policy}", attribute);

    public FakeBoardTree Policy(int policy, string governor, long minKhz, long maxKhz, long hardwareMaxKhz, string available = "schedutil performance powersave")
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(PolicyFile(policy, "x"))!);
        foreach (var (name, value) in new[] { ("scaling_governor", governor), ("scaling_min_freq", $"{minKhz}"), ("scaling_max_freq", $"{maxKhz}"), ("cpuinfo_max_freq", $"{hardwareMaxKhz}"), ("scaling_available_governors", available) })
            File.WriteAllText(PolicyFile(policy, name), value + "\n");
        return this;
    }

    public string NvpmodelStatus => System.IO.Path.Combine(Root, "var/lib/nvpmodel/status");

    public FakeBoardTree PowerMode(int mode)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(NvpmodelStatus)!);
        File.WriteAllText(NvpmodelStatus, $"pmode:{mode:D4} fmode:quiet\n");
        return this;
    }

    /// <summary>Where the stand-in programs record the arguments they were run with.</summary>
    public string ProgramLog => _temp.File("programs.log");

    /// <summary><c>nvpmodel -m N</c>: records the mode in the status file as the real one does.</summary>
    public FakeBoardTree WithNvpmodel() => Program("nvpmodel", $"""
        echo "nvpmodel $*" >> '{ProgramLog}'
        [ "$1" = "-m" ] || exit 2
        printf 'pmode:%04d fmode:quiet\n' "$2" > '{NvpmodelStatus}'
        """);

    /// <summary><c>jetson_clocks</c>: every policy's minimum and maximum to its hardware maximum.</summary>
    public FakeBoardTree WithJetsonClocks() => Program("jetson_clocks", $"""
        echo "jetson_clocks $*" >> '{ProgramLog}'
        for p in '{Root}'/sys/devices/system/cpu/cpufreq/policy*; do
          cp "$p/cpuinfo_max_freq" "$p/scaling_max_freq"
          cp "$p/cpuinfo_max_freq" "$p/scaling_min_freq"
        done
        """);

    public void Dispose() => _temp.Dispose();

    private FakeBoardTree Program(string name, string body)
    {
        var file = System.IO.Path.Combine(Programs, name);
        File.WriteAllText(file, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return this;
    }
}
