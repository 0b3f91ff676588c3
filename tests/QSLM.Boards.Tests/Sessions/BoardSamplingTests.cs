using QSLM.Boards.Failures;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>
/// Sampling on the board through the session's typed calls, on the x64 agent serving a simulated board
/// (<c>serve --simulate-board</c>): the Pi 5 PMIC and an INA219 on the simulated I2C bus are sampled between the
/// marks, a long window at a fast rate arrives in chunks, idle windows and clock exchanges round-trip, and a sensor the
/// board lacks is refused by name before any work.
/// </summary>
public sealed class BoardSamplingTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-board-sampling-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_simulated_pi5_pmic_is_sampled_between_the_marks_at_its_rate_and_tagged_simulated()
    {
        await using var board = Simulated("pi5-sim", "pi5-pmic", idleWatts: 2.5);
        var hello = await board.Session.ConnectAsync();
        Assert.Equal("simulated:pi5-sim", hello.Sensors.Single(s => s.Name == "pmic").Source.ToString());

        var run = await board.Session.RunSampledAsync(Model(), new RunSettings(Tokens: 1, Warmup: 1, Threads: 1, MinSeconds: 0.4, Sensors: ["pmic"]));
        var window = Assert.Single(run.Result.Windows!);
        var samples = Assert.Single(run.Samples);
        Assert.Equal(("pmic", 0, "power", "W", "simulated:pi5-sim"), (samples.Sensor, samples.Window, samples.Quantity, samples.Unit, samples.Source.ToString()));
        // The PMIC is read every 50 ms (PmicSensor.MinimumInterval), from the window's start to its stop.
        AssertRate(samples.AgentSeconds.Count, window, 0.050);
        Assert.All(samples.AgentSeconds, t => Assert.InRange(t, window.StartSeconds, window.StopSeconds));
        // Idle on 3V3_SYS plus the work on VDD_CORE: never below the stated idle power.
        Assert.All(samples.Values, w => Assert.True(w >= 2.5 - 1e-6, $"{w} W is below the idle 2.5 W"));
    }

    [Fact]
    public async Task A_simulated_ina219_on_the_simulated_i2c_bus_is_sampled_and_tagged_simulated()
    {
        await using var board = Simulated("ina-sim", "ina219", idleWatts: 3);
        var hello = await board.Session.ConnectAsync();
        Assert.Equal("simulated:ina-sim", hello.Sensors.Single(s => s.Name == "ina219:1:0x40").Source.ToString());

        var run = await board.Session.RunSampledAsync(Model(), new RunSettings(Tokens: 1, Warmup: 1, Threads: 1, MinSeconds: 0.3, Sensors: ["ina219:1:0x40:0.1:3.2"]));
        Assert.NotEmpty(run.Samples);
        Assert.All(run.Samples, s => Assert.Equal("simulated:ina-sim", s.Source.ToString()));
        var window = Assert.Single(run.Result.Windows!);
        Assert.All(run.Samples.SelectMany(s => s.AgentSeconds), t => Assert.InRange(t, window.StartSeconds, window.StopSeconds));
        var values = run.Samples.SelectMany(s => s.Values).ToList();
        // Read through the INA219's registers: the power LSB of a 3.2 A range is 2 mW.
        Assert.All(values, w => Assert.True(w >= 3 - 0.01, $"{w} W is below the idle 3 W"));
    }

    [Fact]
    public async Task A_long_window_at_a_fast_rate_arrives_in_chunks_of_at_most_the_protocol_limit_before_its_stop_mark()
    {
        await using var board = Simulated("fast-sim", "jetson-ina3221", updateIntervalMs: 1);
        var order = new List<string>();
        var chunks = new List<SensorSamples>();
        var run = await board.Session.RunSampledAsync(Model(), new RunSettings(Tokens: 1, Warmup: 1, Threads: 1, MinSeconds: 2.5, Sensors: ["jetson:VDD_IN"]),
            (mark, _) =>
            {
                order.Add(mark.Phase);
                return Task.CompletedTask;
            });
        Assert.Equal([MarkPhase.Start, MarkPhase.Stop], order);
        chunks.AddRange(run.Samples);
        Assert.True(chunks.Count >= 2, $"{chunks.Sum(c => c.Values.Count)} samples came in {chunks.Count} message(s)");
        Assert.All(chunks, c => Assert.InRange(c.Values.Count, 1, ProtocolLimits.MaxSamplesPerMessage));
        Assert.All(chunks[..^1], c => Assert.Equal(ProtocolLimits.MaxSamplesPerMessage, c.Values.Count));
        var times = chunks.SelectMany(c => c.AgentSeconds).ToList();
        Assert.Equal(times.Order(), times);
        var window = Assert.Single(run.Result.Windows!);
        Assert.InRange(times[^1], window.StartSeconds, window.StopSeconds);
    }

    [Fact]
    public async Task An_idle_window_streams_its_samples_as_the_idle_window_and_clock_exchanges_bracket_the_agents_clock()
    {
        await using var board = Simulated("idle-sim", "jetson-ina3221", idleWatts: 4, joulesPerCpuSecond: 0);
        var first = await board.Session.SyncClockAsync();
        var idle = await board.Session.IdleAsync(0.3, ["jetson"]);
        var second = await board.Session.SyncClockAsync();

        Assert.InRange(idle.Result.StopSeconds - idle.Result.StartSeconds, 0.3, 30);
        Assert.NotEmpty(idle.Samples);
        Assert.All(idle.Samples, s => Assert.Equal((SensorSamples.IdleWindow, "simulated:idle-sim"), (s.Window, s.Source.ToString())));
        // No work: the board draws its idle power (VDD_IN at 5 V, the current in whole milliamperes).
        Assert.All(idle.Samples.SelectMany(s => s.Values), w => Assert.Equal(4, w, 2));

        foreach (var exchange in new[] { first, second })
            Assert.True(exchange.HostSentSeconds <= exchange.HostReceivedSeconds, $"{exchange}: the reply came before the request");
        Assert.True(first.AgentSeconds < idle.Result.StartSeconds && idle.Result.StopSeconds < second.AgentSeconds, "the idle window lies between the two exchanges on the agent's clock");
        // Both clocks are monotonic seconds: what passed on one between the exchanges passed on the other, within the round trips.
        var agentElapsed = second.AgentSeconds - first.AgentSeconds;
        Assert.InRange(agentElapsed, second.HostSentSeconds - first.HostReceivedSeconds, second.HostReceivedSeconds - first.HostSentSeconds);
    }

    [Fact]
    public async Task A_sensor_the_board_cannot_open_is_refused_by_name_before_any_work()
    {
        await using var board = Simulated("refusing-sim", "jetson-ina3221");
        var marks = 0;
        var run = await Assert.ThrowsAsync<BoardFailureException>(() => board.Session.RunSampledAsync(Model(), new RunSettings(Tokens: 1, Warmup: 1, Sensors: ["jetson", "ina3221:9"]),
            (_, _) =>
            {
                marks++;
                return Task.CompletedTask;
            }));
        Assert.Equal((FailureClass.Infrastructure, ErrorCodes.BadRequest, false), (run.Class, run.Code, run.Transient));
        Assert.Contains("'ina3221:9'", run.Message);
        Assert.Equal(0, marks);
        Assert.Single(board.Session.Failures); // not retried

        // The simulated board offers only its own sensors: a real one of the machine under it is refused, never tagged simulated.
        var idle = await Assert.ThrowsAsync<BoardFailureException>(() => board.Session.IdleAsync(0.1, ["rapl"]));
        Assert.Equal(ErrorCodes.BadRequest, idle.Code);
        Assert.Contains("'rapl'", idle.Message);
    }

    [Fact]
    public async Task Each_window_reports_the_simulated_temperature_and_the_stated_throttled_window()
    {
        await using var board = Simulated("hot-sim", "pi5-pmic", idleWatts: 2, extra: "\"thermal\": { \"ambientCelsius\": 40, \"celsiusPerWatt\": 3 }, \"throttledWindows\": [1]");
        var run = await board.Session.RunSampledAsync(Model(), new RunSettings(Tokens: 2, Warmup: 1, Repeats: 3, Threads: 1));
        var windows = run.Result.Windows!;
        Assert.Equal([false, true, false], windows.Select(w => w.Thermal!.Throttled));
        Assert.Contains("window 1", windows[1].Thermal!.Detail);
        Assert.All(windows, w => Assert.True(w.Thermal!.MaxCelsius >= 40 + 3 * 2 - 1e-9, $"{w.Thermal!.MaxCelsius} °C at an idle of 2 W"));
        Assert.All(windows, w => Assert.True(w.Tokens >= 2 && w.StopSeconds > w.StartSeconds && w.CpuSeconds >= 0, w.ToString()));
        Assert.Empty(run.Samples);
    }

    private static void AssertRate(int count, RunWindow window, double interval)
    {
        var expected = (window.StopSeconds - window.StartSeconds) / interval;
        Assert.True(Math.Abs(count - expected) <= 2, $"{count} samples in {window.StopSeconds - window.StartSeconds:F3} s at one per {interval} s (expected about {expected:F1})");
    }

    private string Model() => TinyModels.Write(_temp.File("m.qslm"));

    private LocalBoard Simulated(string model, string kind, double idleWatts = 1, int updateIntervalMs = 20, string? extra = null, double joulesPerCpuSecond = 0.5)
    {
        var tree = _temp.File("sysfs-" + model);
        Directory.CreateDirectory(tree);
        var file = SimulatedBoardFiles.Write(_temp.File(model + ".json"), model, kind, idleWatts, joulesPerCpuSecond, updateIntervalMs: updateIntervalMs, extra: extra);
        return new LocalBoard(serveOptions: ["--sensors-root", tree, "--simulate-board", file]);
    }
}
