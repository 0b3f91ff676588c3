using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Local;
using QSLM.Harness.Power;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Tests;
using QSLM.Sensors.Sampling;

namespace QSLM.Harness.Tests.Power;

/// <summary>
/// Board windows over a session with the self-contained agents beside the tests: the trimmed linux-arm64 agent under
/// qemu-aarch64 (what a Jetson gets) simulating a Jetson INA3221 tree, and the linux-x64 agent for the idle window and
/// clock exchange. The simulated power is priced from the work the agent measures of itself, so a stated energy per
/// multiply-accumulate shows in the sampled power.
/// </summary>
public sealed class SessionBoardWindowsTests : IDisposable
{
    // 2 blocks of width 96 (five C×C and two 4C×C matrices each) and a 1200-token LM head.
    private const long MultiplyAccumulatesPerToken = 2 * (5 * 96 * 96 + 2 * 4 * 96 * 96) + 1200 * 96;
    private const double IdleWatts = 1;
    private const double SampleSeconds = 0.050;

    private readonly TemporaryFolder _temp = new("qslm-board-windows-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task On_the_arm64_agent_a_simulated_jetson_is_sampled_at_its_rate_tagged_simulated_and_its_power_follows_the_stated_energy_of_the_work()
    {
        var model = TinySpikeGpt.Write(_temp.File("m.qslm"), layers: 2, width: 96, vocab: 1200);
        // Two emulated boards at once: each prices only its own agent's work.
        var (lowRun, highRun) = (NetJoulesPerTokenAsync(model, "orin-sim-low", picojoulesPerMac: 20_000), NetJoulesPerTokenAsync(model, "orin-sim-high", picojoulesPerMac: 40_000));
        var (low, high) = (await lowRun, await highRun);

        // Each window's net energy per token is what the stated energies make of the counted work, and doubling the
        // energy per multiply-accumulate doubles it (the window's length and speed under emulation cancel out).
        var lowModel = MultiplyAccumulatesPerToken * 20_000e-12;
        var highModel = MultiplyAccumulatesPerToken * 40_000e-12;
        var figures = FormattableString.Invariant($"{low} J/token at 20 nJ per MAC (model {lowModel}), {high} J/token at 40 nJ (model {highModel})");
        Assert.True(low / lowModel is > 0.75 and < 1.25, figures);
        Assert.True(high / highModel is > 0.75 and < 1.25, figures);
        Assert.True(high / low is > 1.6 and < 2.4, figures);
    }

    [Fact]
    public async Task An_idle_window_and_clock_exchanges_round_trip_through_the_x64_agent()
    {
        var tree = Tree("idle-sim");
        var file = SimulatedBoardFiles.Write(_temp.File("idle.json"), "idle-sim", "jetson-ina3221", idleWatts: 3);
        await using var session = new BoardSession("x64", new LocalProcessTransport(AgentLaunch.Executable(Agent("linux-x64")), _temp.File("x64"), ["--sensors-root", tree, "--simulate-board", file]));
        var windows = new SessionBoardWindows(session);

        var before = await windows.SyncAsync(CancellationToken.None);
        var idle = await windows.IdleAsync(TimeSpan.FromSeconds(0.3), ["jetson:VDD_IN"], CancellationToken.None);
        var after = await windows.SyncAsync(CancellationToken.None);

        Assert.Equal(0, idle.Tokens);
        Assert.True(idle.StopSeconds - idle.StartSeconds >= 0.3, $"an idle window of {idle.StopSeconds - idle.StartSeconds} s");
        Assert.NotEmpty(idle.Samples);
        Assert.All(idle.Samples, s => Assert.Equal((SensorSamples.IdleWindow, "simulated:idle-sim"), (s.Window, s.Source.ToString())));
        Assert.True(before.AgentSeconds < idle.StartSeconds && idle.StopSeconds < after.AgentSeconds, "the idle window lies between the exchanges on the agent's clock");
        Assert.True(before.HostSentSeconds <= before.HostReceivedSeconds && before.HostReceivedSeconds <= after.HostSentSeconds && after.HostReceivedSeconds <= windows.HostSeconds,
            "the host's clock runs forward through the exchanges");
    }

    private async Task<double> NetJoulesPerTokenAsync(string model, string name, double picojoulesPerMac)
    {
        var tree = Tree(name);
        var file = SimulatedBoardFiles.Write(_temp.File(name + ".json"), name, "jetson-ina3221", IdleWatts,
            picojoulesPerMac: new Dictionary<int, double> { [32] = picojoulesPerMac }, updateIntervalMs: (int)(SampleSeconds * 1000));
        var launch = AgentLaunch.Emulated(Qemu, Agent("linux-arm64"));
        await using var session = new BoardSession("qemu-arm64", new LocalProcessTransport(launch, _temp.File(name), ["--sensors-root", tree, "--simulate-board", file]));
        var windows = new SessionBoardWindows(session, new RunSettings(Tokens: 1, Warmup: 1, Threads: 1));

        var window = await windows.RunAsync(model, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.2), ["jetson:VDD_IN"], CancellationToken.None);

        var length = window.StopSeconds - window.StartSeconds;
        Assert.True(length >= 1, $"a window of {length} s");
        var samples = Assert.Single(window.Samples);
        Assert.Equal("simulated:" + name, samples.Source.ToString());
        var expected = length / SampleSeconds;
        // One sample per update interval; a sampler starved of processor time (qemu on a loaded machine) catches up by
        // reading at once, and may end the window a few slots short, never with more than the window holds.
        Assert.True(samples.Values.Count >= 0.8 * expected && samples.Values.Count <= expected + 2, $"{samples.Values.Count} samples in {length:F3} s at one per {SampleSeconds} s; gaps (ms): {string.Join(", ", samples.AgentSeconds.Zip(samples.AgentSeconds.Skip(1), (a, b) => ((b - a) * 1000).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(samples.AgentSeconds, t => Assert.InRange(t, window.StartSeconds, window.StopSeconds));
        // The window's energy as the host takes it: the trapezoidal integral of the readings over the window's span, which
        // gives readings of one moment (a starved sampler catching up) no weight.
        var points = samples.AgentSeconds.Zip(samples.Values, (t, w) => (TimeSpan.FromSeconds(t), w)).ToList();
        var joules = EnergyIntegration.Joules(points, TimeSpan.FromSeconds(window.StartSeconds), TimeSpan.FromSeconds(window.StopSeconds));
        return (joules - (IdleWatts * length)) / window.Tokens;
    }

    private string Tree(string name)
    {
        var tree = _temp.File("sysfs-" + name);
        Directory.CreateDirectory(tree);
        return tree;
    }

    private static string Agent(string runtime)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "agents", runtime, "qslm-agent");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: the build places the self-contained agents beside the tests");
    }

    private static string Qemu => new[] { "/usr/bin/qemu-aarch64", "/usr/local/bin/qemu-aarch64" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("qemu-aarch64 is not installed: ./run-tests installs qemu-user and the arm64 libraries");
}
