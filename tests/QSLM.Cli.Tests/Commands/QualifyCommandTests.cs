using System.Text.Json;
using QSLM.Benchmarks.Deployment;
using QSLM.Data;
using QSLM.Format.Formats;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Model;
using QSLM.Model.Checkpoints;
using QSLM.Model.Quantization;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm qualify</c> on several boards at once, on a small budget (four SST-2 sentences, three short timed repeats):
/// this machine, the emulated arm64 board (the linux-arm64 agent under qemu-aarch64), an SSH board (a private sshd on
/// 127.0.0.1) and a board whose profile allows a model 1 MB. Each asserts on the report's checks and on the history's
/// rows. No power ceiling is set, so no power windows run (power and energy read "not run").
/// </summary>
public sealed class QualifyCommandTests : IClassFixture<QualifyCommandTests.PackedSst2>, IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-qualify-");
    private readonly PackedSst2 _model;

    public QualifyCommandTests(PackedSst2 model) => _model = model;

    public void Dispose() => _temp.Dispose();

    /// <summary>The SST-2 classifier packed int8 once for the class, for the repository's vocabulary.</summary>
    public sealed class PackedSst2 : IDisposable
    {
        private readonly TemporaryFolder _temp = new("qslm-qualify-model-");

        public PackedSst2()
        {
            using var sst2 = SpikeGptCheckpoint.Load(RepositoryFiles.ReferenceSst2, RepositoryFiles.ReferenceLm);
            ModelPacker.Pack(sst2, PrecisionAssignment.Parse("*=int8"), Vocabulary.FromWikiText(RepositoryFiles.WikiText).Hash(), Path);
        }

        public string Path => _temp.File("sst2-int8.qslm");

        public void Dispose() => _temp.Dispose();
    }

    private string[] Small(string bench, string output, string history, params string[] more) =>
        ["qualify", _model.Path, "--bench", bench, "--out", output, "--history", history, "--operator", "lab-tester",
            "--sst2-sentences", "4", "--board-tokens", "8", "--board-repeats", "3", "--tolerance", "0", .. more];

    /// <summary>A lab folder with the repository's profiles and one that allows a model 1 MB, and a bench naming <paramref name="boards"/>.</summary>
    private string Lab(string boards)
    {
        var profiles = Directory.CreateDirectory(_temp.File("lab/firmware-profiles")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "firmware-profiles"), "*.yaml")) File.Copy(file, Path.Combine(profiles, Path.GetFileName(file)));
        TinyMemoryProfile.Write(profiles);
        var bench = _temp.File("lab/bench.yaml");
        File.WriteAllText(bench, "bench: lab\nboards:\n" + boards);
        return bench;
    }

    private static List<JsonElement> Checks(string output) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement.GetProperty("checks").EnumerateArray()];

    private static string Status(List<JsonElement> checks, string board, string check) =>
        checks.Single(c => c.GetProperty("board").GetString() == board && c.GetProperty("check").GetString() == check).GetProperty("status").GetString()!;

    private static RunRecord OnlyRun(string history)
    {
        using var store = SqliteRunHistory.Open(history);
        var run = Assert.Single(store.List(new RunFilter()));
        Assert.Equal(RunKind.Qualify, run.Kind);
        return store.Load(run.Id)!;
    }

    [Fact]
    public void Local_emulated_arm64_and_ssh_boards_qualify_together_and_a_model_over_a_board_budget_fails_its_memory_check()
    {
        using var sshd = new LoopbackSshd(Directory.CreateDirectory(_temp.File("sshd")).FullName);
        var bench = Lab("  - name: local\n    profile: local\n    link: local\n"
            + "  - name: qemu-arm64\n    profile: emulated-arm64\n    link: local\n    emulator: qemu-aarch64\n"
            + LoopbackSshBench.Entry(sshd, _temp.File("ssh-board"))
            + "  - name: cramped\n    profile: tiny-memory\n    link: local\n");
        // The team keeps a latency target for this machine outside the profiles.
        var targets = _temp.File("targets.yaml");
        File.WriteAllText(targets, "boards:\n  local:\n    latency_p50_ms: 100000\n");
        var output = _temp.File("report");
        var history = _temp.File("history.db");

        var result = QslmProcess.Run(Small(bench, output, history, "--targets", targets));

        Assert.True(result.ExitCode == 1, result.StdOut + result.StdErr);
        var checks = Checks(output);
        Assert.Equal(4 * 7, checks.Count);
        foreach (var board in new[] { "local", "qemu-arm64", "over-ssh", "cramped" })
        {
            // Every board scored as the host did on the same packed file; nothing erred.
            Assert.Equal("passed", Status(checks, board, "agreement"));
            Assert.Equal("not-run", Status(checks, board, "latency-p99"));
            Assert.Equal("not-run", Status(checks, board, "power"));
            Assert.Equal("not-run", Status(checks, board, "settings"));
        }
        Assert.Equal("passed", Status(checks, "local", "latency-p50"));
        Assert.Equal("not-run", Status(checks, "qemu-arm64", "latency-p50"));
        Assert.Equal("passed", Status(checks, "over-ssh", "memory"));
        Assert.Equal("failed", Status(checks, "cramped", "memory"));
        Assert.DoesNotContain(checks, c => c.GetProperty("status").GetString() == "error");
        var cramped = checks.Single(c => c.GetProperty("board").GetString() == "cramped" && c.GetProperty("check").GetString() == "memory");
        Assert.Contains("over the board's 1000000 (memory_for_model of profile tiny-memory)", cramped.GetProperty("detail").GetString());
        Assert.Contains("no latency target set", checks.Single(c => c.GetProperty("board").GetString() == "qemu-arm64" && c.GetProperty("check").GetString() == "latency-p50").GetProperty("detail").GetString());

        var run = OnlyRun(history);
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal("lab-tester", run.Summary.Operator);
        Assert.Equal(JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement.GetProperty("verdict").GetString(), run.Summary.Outcome);
        Assert.Equal(checks.Count, run.Verdicts.Count);
        Assert.Equal("failed", run.Verdicts.Single(v => v.Board == "cramped" && v.Check == "memory").Status);
        Assert.Equal("not run", run.Verdicts.Single(v => v.Board == "local" && v.Check == "latency-p99").Status);
        // Each board is recorded as its agent named it; the arm64 one runs under emulation on this same machine.
        Assert.Equal(["cramped", "local", "over-ssh", "qemu-arm64"], run.Boards.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.All(run.Boards, b => Assert.False(string.IsNullOrEmpty(b.HostName) || string.IsNullOrEmpty(b.Kernel), b.Name));
        Assert.Contains(run.Measurements, m => m.Board == "qemu-arm64" && m.Quantity == Quantities.LatencyP50 && m.Value > 0);
        Assert.Contains(run.Measurements, m => m.Board == "cramped" && m.Quantity == Quantities.PeakMemory && m.Value > 1_000_000);
        Assert.Contains(run.Measurements, m => m.Board == "over-ssh" && m.Quantity == Quantities.Accuracy);

        // What a CI server reads: the JUnit XML, valid against the format's schema, one case per board, model and
        // check; the memory check over budget a <failure>, checks without a threshold <skipped>, no <error>.
        var junit = JUnitSchema.Load(Path.Combine(output, "report.junit.xml"));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(checks.Count, cases.Count);
        var failure = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal(("memory", true), ((string?)failure.Attribute("name"), ((string?)failure.Attribute("classname"))!.StartsWith("cramped.", StringComparison.Ordinal)));
        Assert.Equal(checks.Count(c => c.GetProperty("status").GetString() == "not-run"), cases.Count(c => c.Element("skipped") is not null));
        Assert.Empty(junit.Descendants("error"));
        Assert.Equal(1, junit.Root!.Elements("testsuite").Sum(s => (int)s.Attribute("failures")!));
    }

    [Fact]
    public void A_board_whose_sshd_is_down_has_every_check_an_error_and_exits_3_while_the_other_board_is_decided()
    {
        var sshd = new LoopbackSshd(Directory.CreateDirectory(_temp.File("sshd")).FullName);
        var bench = Lab("  - name: local\n    profile: local\n    link: local\n" + LoopbackSshBench.Entry(sshd, _temp.File("ssh-board")));
        // The fault: the board's sshd stops before its turn.
        sshd.Dispose();
        var output = _temp.File("report");
        var history = _temp.File("history.db");

        var result = QslmProcess.Run(Small(bench, output, history));

        Assert.True(result.ExitCode == 3, result.StdOut + result.StdErr);
        var checks = Checks(output);
        var ssh = checks.Where(c => c.GetProperty("board").GetString() == "over-ssh").ToList();
        Assert.Equal(7, ssh.Count);
        Assert.All(ssh, c => Assert.Equal("error", c.GetProperty("status").GetString()));
        Assert.All(ssh, c => Assert.Contains("infrastructure failure", c.GetProperty("detail").GetString()));
        Assert.Equal("passed", Status(checks, "local", "agreement"));
        Assert.DoesNotContain(checks, c => c.GetProperty("board").GetString() == "local" && c.GetProperty("status").GetString() is "error" or "failed");

        var run = OnlyRun(history);
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.All(run.Verdicts.Where(v => v.Board == "over-ssh"), v => Assert.Equal("error", v.Status));
        Assert.Contains(run.Boards, b => b.Name == "local" && !string.IsNullOrEmpty(b.HostName));
        Assert.Equal("2 passed, 0 failed, 5 not run, 7 errors", run.Summary.Outcome);

        // The infrastructure fault reaches a CI server as <error>, never <failure>: the model did not fail.
        var junit = JUnitSchema.Load(Path.Combine(output, "report.junit.xml"));
        var sshSuite = Assert.Single(junit.Root!.Elements("testsuite"), s => (string?)s.Attribute("name") == "over-ssh");
        Assert.Equal((7, 0), ((int)sshSuite.Attribute("errors")!, (int)sshSuite.Attribute("failures")!));
        Assert.All(sshSuite.Elements("testcase"), c => Assert.NotNull(c.Element("error")));
        Assert.Empty(junit.Descendants("failure"));
    }

    [Fact]
    public void A_simulated_jetson_is_held_to_its_power_ceilings_in_quick_windows_with_every_figure_tagged_simulated()
    {
        var bench = Lab("  - name: sim-jetson\n    profile: simulated-jetson\n    link: local\n    simulated_board: orin-sim.json\n");
        SimulatedBoardFiles.Write(_temp.File("lab/orin-sim.json"), "orin-sim", "jetson-ina3221", idleWatts: 4.5, joulesPerCpuSecond: 2,
            extra: "\"identity\": { \"hostName\": \"sim-orin-01\", \"model\": \"NVIDIA Jetson Orin Nano (simulated)\", \"serial\": \"SIM-0001\", \"kernel\": \"5.15.136-tegra\", \"firmware\": \"L4T R36.3.0\" }");
        // A power ceiling far above the board and an energy ceiling no model can meet.
        var targets = _temp.File("targets.yaml");
        File.WriteAllText(targets, "boards:\n  sim-jetson:\n    max_watts: 1000\n    max_joules_per_token: 0.000000001\n");
        var output = _temp.File("report");
        var history = _temp.File("history.db");

        var result = QslmProcess.Run(Small(bench, output, history, "--targets", targets, "--quick"));

        Assert.True(result.ExitCode == 1, result.StdOut + result.StdErr);
        var checks = Checks(output);
        var power = checks.Single(c => c.GetProperty("check").GetString() == "power");
        var energy = checks.Single(c => c.GetProperty("check").GetString() == "energy");
        Assert.Equal(("passed", "simulated:orin-sim"), (power.GetProperty("status").GetString(), power.GetProperty("source").GetString()));
        Assert.Equal(("failed", "simulated:orin-sim"), (energy.GetProperty("status").GetString(), energy.GetProperty("source").GetString()));
        Assert.Contains("upper end", power.GetProperty("detail").GetString());
        // The quick windows are in the report: the idle one first, then three of the model alone.
        var windows = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal("idle", windows[0].GetProperty("side").GetString());
        Assert.Equal(3, windows.Count(w => w.GetProperty("side").GetString() == "sst2-int8.qslm" && w.GetProperty("kept").GetBoolean()));

        var run = OnlyRun(history);
        var watts = run.Measurements.Single(m => m.Quantity == Quantities.Power && m.Window is null);
        Assert.Equal(("simulated:orin-sim", "W"), (watts.Source, watts.Unit));
        Assert.True(watts.Value > 4 && watts.Ci95 is > 0, $"{watts.Value} W ± {watts.Ci95}");
        Assert.Equal(3, run.Measurements.Count(m => m.Quantity == Quantities.Power && m.Window is not null));
        // The board is recorded as the simulated board's tree names it.
        var board = Assert.Single(run.Boards);
        Assert.Equal(new BoardRecord("sim-jetson", "simulated-jetson", "sim-orin-01", "NVIDIA Jetson Orin Nano (simulated)", "SIM-0001", "5.15.136-tegra", "L4T R36.3.0", null), board);
    }

    [Theory]
    [InlineData("board", "unknown board 'nowhere'")]
    [InlineData("tag", "no board of")]
    [InlineData("missing", "does not exist")]
    [InlineData("vocabulary", "was packed for vocabulary")]
    public void Bad_input_exits_2_and_writes_nothing_to_the_history(string mistake, string message)
    {
        var history = _temp.File("history.db");
        var model = _model.Path;
        string[] more = [];
        switch (mistake)
        {
            case "board": more = ["--board", "nowhere"]; break;
            case "tag": more = ["--tag", "pdp-11"]; break;
            case "missing": model = _temp.File("absent.qslm"); break;
            default:
                model = _temp.File("other-vocabulary.qslm");
                using (var tiny = new SpikeGpt(new SpikeGptConfig(2, 32, 50))) ModelPacker.Pack(tiny, PrecisionAssignment.Parse("*=int8"), "another-vocabulary", model);
                break;
        }
        string[] args = ["qualify", model, "--history", history, "--out", _temp.File("out"), .. more];

        var result = QslmProcess.Run(args);

        Assert.True(result.ExitCode == 2, result.StdOut + result.StdErr);
        Assert.Contains(message, result.StdErr);
        Assert.False(File.Exists(history) && new SqliteRunHistoryProbe(history).Runs > 0, "the history recorded a run of bad input");
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    private sealed class SqliteRunHistoryProbe(string path)
    {
        public int Runs
        {
            get
            {
                using var store = SqliteRunHistory.Open(path);
                return store.List(new RunFilter()).Count;
            }
        }
    }
}
