using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using QSLM.Search.Results;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>
/// <c>qslm search --lava</c> against a real LAVA on 127.0.0.1: a small search (an SST-2 slice, a power weight above 0)
/// whose board tier runs as jobs on the two <c>ssh</c> devices chooses the same candidate as the same search on the
/// local board in the direct mode: once with the estimate from counted operations (exactly reproducible, so the figures
/// are compared too), once with a simulated board-side sensor made deterministic (power priced by counted operations
/// only, sampled in the lab's windows written ahead into each job and replayed from its answers).
/// </summary>
[Collection(LavaCollection.Name)]
public sealed partial class LavaSearchTests(LavaFarm farm) : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-search-");

    public void Dispose() => _temp.Dispose();

    private IReadOnlyDictionary<string, string> Environment => farm.ChildEnvironment;

    // A loose accuracy constraint keeps both global candidates feasible, so the global tier's batch holds two candidates
    // and is dealt over both devices.
    private string[] Small(string output) =>
        ["search", "--const-a", "acc>=0.5", "--sst2-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1", "--power-weight", "1", "--out", output, "--cache", _temp.File("cache"),
            "--board-top", "2", "--max-evaluations", "4", "--board-tokens", "8", "--board-repeats", "3", "--history", _temp.File(Path.GetFileName(output) + ".db")];

    private static string Chosen(string output)
    {
        var chosen = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("Chosen").GetInt32();
        using var log = ResultsLog.Open(Path.Combine(output, "search.csv"));
        return log.Rows.Last(r => r.Candidate == chosen).Precisions;
    }

    private static IReadOnlyList<CandidateRow> Measured(string output)
    {
        using var log = ResultsLog.Open(Path.Combine(output, "search.csv"));
        return [.. log.Rows.Where(r => r.PowerSource is not null)];
    }

    [GeneratedRegex(@"board (\S+): LAVA job (\d+) \(")]
    private static partial Regex JobLine();

    [Fact]
    public void A_search_whose_board_tier_runs_on_both_lava_devices_chooses_the_candidate_the_direct_mode_chooses()
    {
        farm.Require();
        var qslm = Path.Combine(AppContext.BaseDirectory, "qslm");
        var lava = _temp.File("lava");
        var result = ChildProcess.Run(qslm, [.. Small(lava), "--lava", farm.Url, "--lava-config", farm.ConfigPath, "--device-type", "ssh", "--lava-agent-runtime", "linux-x64"],
            Environment, RepositoryFiles.Root, timeoutSeconds: 600);
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);

        // Jobs ran on both devices, and every measured candidate's power is the estimate.
        var jobs = JobLine().Matches(result.StdOut).Select(m => (Device: m.Groups[1].Value, Job: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.True(LavaFarm.Devices.SequenceEqual(jobs.Select(j => j.Device).Distinct().Order(StringComparer.Ordinal)), result.StdOut);
        Assert.All(jobs, j => Assert.True(File.Exists(Path.Combine(lava, "lava-jobs", $"lava-job-{j.Job}.junit.xml")), $"job {j.Job}'s JUnit"));
        var measured = Measured(lava);
        Assert.True(measured.Count >= 2, result.StdOut);
        Assert.All(measured, r => Assert.StartsWith("estimated:", r.PowerSource!.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(farm.Token, result.StdOut + result.StdErr);

        var direct = _temp.File("direct");
        var local = ChildProcess.Run(qslm, [.. Small(direct), "--bench", Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml"), "--board", "local"],
            Environment, RepositoryFiles.Root, timeoutSeconds: 600);
        Assert.True(local.ExitCode == 0, local.StdOut + local.StdErr);
        Assert.Equal(Chosen(direct), Chosen(lava));
        // The figures the choice rests on are the same ones: the energy per token priced from the same counts.
        Assert.Equal(Measured(direct).Select(r => (r.Precisions, r.EnergyJoulesPerToken)), measured.Select(r => (r.Precisions, r.EnergyJoulesPerToken)));
    }

    // A simulated Jetson whose power is priced only by the operations the agent counts (no processor-time term, no
    // thermal model, no window noise): its board-side sensor reads the same energy per token on any run, up to where
    // the sensor's 0.25 s averaging cuts a window's edges. Its operations cost a hundred times the 45 nm figures and it
    // idles at 0.5 W, so that a run draws more above idle than a loaded host's timing of a 1 s quick window moves the
    // idle energy subtracted: at the 45 nm figures over 4.5 W of idle, a sign1 or int8 window drew milliwatts above
    // idle, and the savings read from those differences moved by tens of points from run to run.
    private (string Bench, string Board) DeterministicBench()
    {
        var folder = _temp.File("deterministic");
        Directory.CreateDirectory(Path.Combine(folder, "simulated"));
        File.WriteAllText(Path.Combine(folder, "simulated", "det-sim.json"), """
            { "model": "det-sim", "kind": "jetson-ina3221", "idleWatts": 0.5, "joulesPerCpuSecond": 0,
              "picojoulesPerMultiplyAccumulate": { "1": 10, "2": 20, "4": 30, "8": 60, "16": 110, "32": 370 },
              "picojoulesPerAccumulate": 90, "updateIntervalMs": 20 }
            """);
        var bench = Path.Combine(folder, "bench.yaml");
        File.WriteAllText(bench, "bench: deterministic\nboards:\n  - name: det-sim\n    profile: simulated-jetson\n    link: local\n    simulated_board: simulated/det-sim.json\n");
        return (bench, "det-sim");
    }

    [Fact]
    public void With_a_deterministic_simulated_board_side_sensor_the_lava_search_chooses_what_the_direct_mode_does_from_windows_replayed_from_the_jobs()
    {
        farm.Require();
        var (bench, board) = DeterministicBench();
        // On these 4 sentences int8 keeps the baseline's accuracy and sign1 loses a quarter: with accuracy and power
        // weighed (alpha 0), int8 leads by about 0.1 of J whatever the windows read, so the choice does not hang on
        // quick windows on a machine the other test assemblies load. (With alpha 1, the two are within 0.01 of J.)
        string[] Search(string output) =>
            ["search", "--const-a", "acc>=0.5", "--sst2-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "0", "--power-weight", "0.5", "--max-evaluations", "4",
                "--board-top", "2", "--out", output, "--cache", _temp.File("cache"), "--history", _temp.File(Path.GetFileName(output) + ".db"), "--quick-windows", "--bench", bench];
        var lava = _temp.File("simulated");
        var result = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            [.. Search(lava), "--lava", farm.Url, "--lava-config", farm.ConfigPath, "--lava-agent-runtime", "linux-x64", "--lava-board", board],
            Environment, RepositoryFiles.Root, timeoutSeconds: 600);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("meter jetson:VDD_IN on the board", result.StdOut);
        Assert.True(LavaFarm.Devices.SequenceEqual(JobLine().Matches(result.StdOut).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)), result.StdOut);
        var measured = Measured(lava);
        Assert.True(measured.Count >= 2, result.StdOut);
        // Every measured candidate has the lab's figures: windows of the simulated board's sensor, paired with the baseline.
        Assert.All(measured, r => Assert.Equal("simulated:det-sim", r.PowerSource!.ToString()));
        Assert.All(measured, r => Assert.True(r.Windows == 3 && r.IdleWatts > 0 && r.Quick == true, $"candidate {r.Candidate}: {r.Windows} windows, idle {r.IdleWatts} W"));
        Assert.Contains(measured, r => r.Saving is not null);
        // int8 costs a sixth of fp32's energy per multiply-accumulate on this board: its windows read a saving near that.
        Assert.All(measured.Where(r => r.Precisions.StartsWith("input=int8", StringComparison.Ordinal)),
            r => Assert.True(r.Saving is > 0.6 and < 0.95, $"candidate {r.Candidate}: saving {r.Saving}"));
        Assert.True(File.Exists(Path.Combine(lava, "windows.csv")));

        var direct = _temp.File("simulated-direct");
        var local = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"), [.. Search(direct), "--board", board], Environment, RepositoryFiles.Root, timeoutSeconds: 600);
        Assert.True(local.ExitCode == 0, local.StdOut + local.StdErr);
        Assert.True(Chosen(direct) == Chosen(lava), $"direct chose {Chosen(direct)}, LAVA {Chosen(lava)}\n{File.ReadAllText(Path.Combine(direct, "search.csv"))}\n{File.ReadAllText(Path.Combine(lava, "search.csv"))}\n{result.StdOut}");
        Assert.Equal(Measured(direct).Select(r => r.Precisions).Order(StringComparer.Ordinal), measured.Select(r => r.Precisions).Order(StringComparer.Ordinal));
        Assert.All(Measured(direct), r => Assert.Equal("simulated:det-sim", r.PowerSource!.ToString()));
    }
}
