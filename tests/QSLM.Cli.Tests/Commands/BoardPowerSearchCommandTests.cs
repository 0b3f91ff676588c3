using System.Globalization;
using System.Text.Json;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Search.Results;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm search</c> with a meter in the loop, in quick windows: the emulated arm64 board (the linux-arm64 agent
/// under qemu-aarch64) simulating a Jetson INA3221 tree that the agent samples itself between its own marks, and the
/// local board beside the built-in simulated INA219 read by the host and aligned with the agent's marks. Every power
/// figure must come from the meter, tagged simulated, and reach the objective as the saving paired in the same run.
/// </summary>
public sealed class BoardPowerSearchCommandTests : IDisposable
{
    private const double SampleSeconds = 0.020;

    private readonly TemporaryFolder _temp = new("qslm-board-power-search-");

    public void Dispose() => _temp.Dispose();

    // A power weight small beside the memory term: a candidate measured slower than fp32 on a loaded machine (a host
    // meter's energy per token follows the time a token takes) still beats the baseline, so the answer has a saving.
    private const double PowerWeight = 0.25;

    private string[] Small(string output, string board, string bench) =>
        ["search", "--sst2-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1", "--power-weight", PowerWeight.ToString(CultureInfo.InvariantCulture), "--out", output, "--cache", _temp.File("cache"),
            "--bench", bench, "--board", board, "--board-top", "1", "--quick-windows", "--max-evaluations", "4"];

    private static IReadOnlyList<CandidateRow> Rows(string output)
    {
        using var log = ResultsLog.Open(Path.Combine(output, "search.csv"));
        return log.Rows;
    }

    private static List<Dictionary<string, string>> Windows(string output)
    {
        var lines = File.ReadAllLines(Path.Combine(output, "windows.csv"));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // A budget of four host evaluations (the baseline, both uniform precisions, one sensitivity) keeps the board's
    // work to the baseline and the best uniform candidate, each measured in its windows.
    // Every measured row carries the meter's figures, tagged and marked quick, and the objective of a measured
    // candidate is its host objective plus the power weight times its saving paired in the same run.
    private static void AssertMeterFiguresInEveryMeasuredRow(string output, string source, ChildProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var rows = Rows(output);
        var measured = rows.Where(r => r.Status == "measured").ToList();
        Assert.Contains(measured, r => r.Tier == "baseline");
        Assert.Contains(measured, r => r.Tier != "baseline");
        Assert.All(measured, r =>
        {
            Assert.Equal(source, r.PowerSource?.ToString());
            Assert.True(r.PowerWatts > 0 && r.EnergyJoulesPerToken > 0 && r.EnergyCi95JoulesPerToken >= 0, $"candidate {r.Candidate}: {r.PowerWatts} W, {r.EnergyJoulesPerToken} J/token");
            Assert.True(r.IdleWatts > 0 && r.NetWatts is not null, $"candidate {r.Candidate}: idle {r.IdleWatts} W, net {r.NetWatts} W");
            Assert.Equal((true, 3), (r.Quick, r.Windows));
            if (r.Tier == "baseline") return;
            Assert.NotNull(r.Saving);
            var host = rows.First(h => h.Candidate == r.Candidate);
            Assert.Equal(host.Objective + PowerWeight * r.Saving!.Value, r.Objective, 1e-9);
        });
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(source, manifest.RootElement.GetProperty("PowerSource").GetString());
        Assert.StartsWith("quick", manifest.RootElement.GetProperty("PowerWindows").GetString(), StringComparison.Ordinal);
        Assert.Contains("quick windows, not a lab figure", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("energy saving against fp32, interleaved in the same run", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_emulated_arm64_board_a_simulated_jetson_sampled_by_the_agent_gives_every_measured_row_its_power_at_the_sensors_rate_and_repeats_a_throttled_window()
    {
        // The agent's second timed window reports throttling: the baseline's second window is repeated, then kept.
        SimulatedBoardFiles.Write(_temp.File("orin-test.json"), "orin-test", "jetson-ina3221", idleWatts: 3, joulesPerCpuSecond: 1,
            picojoulesPerMac: new Dictionary<int, double> { [32] = 3.7, [8] = 0.6, [1] = 0.1 }, updateIntervalMs: (int)(SampleSeconds * 1000),
            extra: "\"throttledWindows\": [1]");
        var bench = _temp.File("bench.yaml");
        File.WriteAllText(bench, "bench: simulated\nboards:\n  - name: sim\n    profile: simulated-jetson-arm64\n    link: local\n    emulator: qemu-aarch64\n    simulated_board: orin-test.json\n");
        var output = _temp.File("qemu");

        var result = QslmProcess.Run(Small(output, "sim", bench));

        AssertMeterFiguresInEveryMeasuredRow(output, "simulated:orin-test", result);
        Assert.Matches(@"board sim: agent \S+ on linux-arm64 via local process \S*qemu-aarch64", result.StdOut);
        var windows = Windows(output);
        // Each window holds one sample per update interval of the sensor over its length: a sampler starved of processor
        // time (qemu on a loaded machine) catches up by reading at once and may end a few slots short, never over.
        Assert.All(windows.Where(w => w["kept"] == "true"), w =>
            Assert.InRange(Number(w["samples"]), 0.8 * Number(w["seconds"]) / SampleSeconds, Number(w["seconds"]) / SampleSeconds + 2));
        var throttled = Assert.Single(windows, w => w["throttled"] == "true");
        Assert.Equal(("1", "baseline", "1", "false"), (throttled["candidate"], throttled["side"], throttled["attempt"], throttled["kept"]));
        Assert.Contains(windows, w => w["candidate"] == "1" && w["side"] == "baseline" && w["repeat"] == throttled["repeat"] && w["attempt"] == "2" && w["kept"] == "true");
    }

    [Fact]
    public void A_meter_on_the_host_beside_the_local_board_is_aligned_with_the_agents_marks_and_sees_the_board_busy_only_in_its_windows()
    {
        var bench = Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml");
        var output = _temp.File("host-meter");

        var result = QslmProcess.Run([.. Small(output, "local", bench), "--sensor", "simulated"]);

        AssertMeterFiguresInEveryMeasuredRow(output, "simulated:ina219-default-board", result);
        // The simulated board draws 2.7 W idle and 4.9 W while a window runs: the host's windows, cut at the agent's
        // marks mapped to the host's clock, see the difference.
        Assert.All(Rows(output).Where(r => r.Status == "measured"), r =>
        {
            Assert.InRange(r.IdleWatts!.Value, 2.6, 2.8);
            Assert.InRange(r.NetWatts!.Value, 2.0, 2.3);
        });
    }

    [Fact]
    public void The_profiles_settings_are_pinned_before_the_search_and_one_that_does_not_hold_fails_the_board_as_infrastructure_naming_it()
    {
        // A profile of its own beside the bench pins the performance governor; the agent's simulated board keeps its
        // sysfs under a folder of its own, where the test plays the kernel's cpufreq policy.
        var folder = _temp.File("pinned");
        Directory.CreateDirectory(Path.Combine(folder, "firmware-profiles"));
        File.WriteAllText(Path.Combine(folder, "firmware-profiles", "pinned-sim.yaml"), string.Join('\n',
            "profile: pinned-sim", "description: a simulated Jetson whose governor is pinned", "runtime: linux-x64", "memory_for_model: mem_available",
            "sensors:", "  - spec: jetson:VDD_IN", "    how: the simulated board's tree", "    board_total: VDD_IN",
            "settings:", "  governor: performance", "idle_watts:", "  min: 2", "  max: 4", "  source: simulated:pinned-sim", ""));
        SimulatedBoardFiles.Write(Path.Combine(folder, "pinned-sim.json"), "pinned-sim", "jetson-ina3221", idleWatts: 3);
        var board = "pinned-" + Guid.NewGuid().ToString("N")[..8];
        var bench = Path.Combine(folder, "bench.yaml");
        File.WriteAllText(bench, $"bench: pinned\nboards:\n  - name: {board}\n    profile: pinned-sim\n    link: local\n    simulated_board: pinned-sim.json\n");
        var policy = Path.Combine(Environment.GetEnvironmentVariable("QSLM_RUNS")!, "boards", board + ".sensors", "sys", "devices", "system", "cpu", "cpufreq", "policy0");
        Directory.CreateDirectory(policy);
        File.WriteAllText(Path.Combine(policy, "scaling_governor"), "schedutil\n");
        File.WriteAllText(Path.Combine(policy, "scaling_available_governors"), "schedutil powersave\n");

        var history = _temp.File("history.db");
        var refused = QslmProcess.Run([.. Small(_temp.File("refused"), board, bench), "--history", history]);

        Assert.True(refused.ExitCode == 3, refused.StdOut + refused.StdErr);
        Assert.Contains("setting-mismatch", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("governor performance (read back schedutil", refused.StdErr, StringComparison.Ordinal);
        // The board is brought up before the search starts: nothing was evaluated or logged.
        Assert.False(File.Exists(Path.Combine(_temp.File("refused"), "search.csv")));
        using (var runs = SqliteRunHistory.Open(history)) Assert.Empty(runs.List(new RunFilter()));

        File.WriteAllText(Path.Combine(policy, "scaling_available_governors"), "schedutil performance powersave\n");
        var output = _temp.File("pinned-out");
        var pinned = QslmProcess.Run([.. Small(output, board, bench), "--history", history]);

        Assert.True(pinned.ExitCode == 0, pinned.StdOut + pinned.StdErr);
        Assert.Equal("performance", File.ReadAllText(Path.Combine(policy, "scaling_governor")).Trim());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        var governor = Assert.Single(manifest.RootElement.GetProperty("BoardSettings").EnumerateArray());
        Assert.Equal(("governor", "performance"), (governor.GetProperty("Name").GetString(), governor.GetProperty("ReadBack").GetString()));
        Assert.Contains($"board {board}: settings read back: governor performance", pinned.StdOut, StringComparison.Ordinal);

        // The history holds the run as it was recorded: the board with the settings it read back, every candidate row
        // of the log, and each power figure and window tagged with the simulated board's source.
        using var recorded = SqliteRunHistory.Open(history);
        var run = recorded.Load(Assert.Single(recorded.List(new RunFilter())).Id)!;
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal("governor performance (read back performance)", Assert.Single(run.Boards).Settings);
        Assert.Equal(Rows(output).Count, run.Candidates.Count);
        var power = run.Measurements.Where(m => m.Quantity == Quantities.Power).ToList();
        Assert.Contains(power, m => m.Window is null && m.Ci95 is not null);
        Assert.Equal(Windows(output).Count, power.Count(m => m.Window is not null));
        Assert.All(power, m => Assert.Equal("simulated:pinned-sim", m.Source));
    }
}
