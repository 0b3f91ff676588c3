using QSLM.Boards.Sessions;
using QSLM.Boards.Settings;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Local;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Transports.Local;

/// <summary>
/// The self-contained, trimmed linux-arm64 agent (what a Pi or a Jetson gets) under qemu-aarch64
/// through the local transport: the trimmed build must still serialize every message (source-generated
/// JSON), and its results must match the x64 agent's on the same seed. <c>./run-tests</c> installs
/// qemu-user and the arm64 libraries.
/// </summary>
public sealed class EmulatedArm64AgentTests : IClassFixture<EmulatedArm64AgentTests.Arm64Publish>
{
    private readonly Arm64Publish _publish;

    public EmulatedArm64AgentTests(Arm64Publish publish) => _publish = publish;

    [Fact]
    public async Task The_arm64_agent_under_qemu_serves_the_protocol_and_counts_what_the_x64_agent_counts()
    {
        using var temp = new TemporaryFolder();
        var model = TinyModels.Write(temp.File("m.qslm"));
        var settings = new RunSettings(Tokens: 8, Warmup: 1, Repeats: 2, Seed: 4, Threads: 1);

        await using var arm = new BoardSession("qemu-arm64", new LocalProcessTransport(AgentLaunch.Emulated(_publish.Qemu, _publish.Agent), temp.File("arm")));
        var hello = await arm.ConnectAsync();
        Assert.Equal("linux-arm64", hello.RuntimeId);
        var marks = 0;
        var armResult = await arm.RunAsync(model, settings, (_, _) =>
        {
            marks++;
            return Task.CompletedTask;
        });
        Assert.Equal(4, marks);
        Assert.Equal(ModelHash.OfFile(model), armResult.Sha256);
        Assert.Empty(arm.Failures);

        await using var x64 = new BoardSession("local", new LocalProcessTransport(BuiltAgent.Launch, temp.File("x64")));
        var x64Result = await x64.RunAsync(model, settings);
        Assert.Equal(x64Result.MultiplyAccumulates, armResult.MultiplyAccumulates);
        Assert.Equal(x64Result.Accumulates, armResult.Accumulates);
    }

    [Fact]
    public async Task The_arm64_agent_under_qemu_pins_the_governor_and_frequency_limits_of_a_fake_tree_and_reads_them_back()
    {
        using var temp = new TemporaryFolder();
        // A Pi 5's one policy: raising the minimum above the present maximum needs the maximum raised first.
        using var tree = new FakeBoardTree().Policy(0, "ondemand", 1_500_000, 1_800_000, 2_400_000);
        await using var arm = new BoardSession("qemu-arm64", new LocalProcessTransport(AgentLaunch.Emulated(_publish.Qemu, _publish.Agent), temp.File("arm"), tree.ServeOptions));

        var applied = await arm.ApplySettingsAsync(new BoardSettings(Governor: "performance", MinFreqKhz: 2_000_000, MaxFreqKhz: 2_400_000));

        Assert.Equal(["governor performance (read back performance)", "min_freq_khz 2000000 (read back 2000000)", "max_freq_khz 2400000 (read back 2400000)"], applied.Settings.Select(AppliedSettings.Describe));
        Assert.Equal("2000000\n", File.ReadAllText(tree.PolicyFile(0, "scaling_min_freq")));
        Assert.Empty(arm.Failures);
    }

    /// <summary>The linux-arm64 agent, self-contained and trimmed, as the build placed it beside these tests
    /// (build/agents/Agents.targets), and the emulator that runs it.</summary>
    public sealed class Arm64Publish
    {
        public Arm64Publish()
        {
            Qemu = new[] { "/usr/bin/qemu-aarch64", "/usr/local/bin/qemu-aarch64" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("qemu-aarch64 is not installed: ./run-tests installs qemu-user and the arm64 libraries");
            if (!File.Exists(Agent)) throw new InvalidOperationException($"{Agent} is missing: the build places the self-contained agents beside the tests");
        }

        public string Qemu { get; }

        public string Agent => Path.Combine(AppContext.BaseDirectory, "agents", "linux-arm64", "qslm-agent");
    }
}
