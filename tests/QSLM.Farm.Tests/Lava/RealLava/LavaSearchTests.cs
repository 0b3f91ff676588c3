using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using QSLM.Search.Results;

namespace QSLM.Farm.Tests.Lava.RealLava;

/// <summary>
/// <c>qslm search --lava</c> against a real LAVA on 127.0.0.1: a small search (an SST-2 slice, a power weight above 0)
/// whose board tier runs as jobs on the two <c>ssh</c> devices chooses the same candidate as the same search on the
/// local board in the direct mode. Power is the estimate from counted operations on both sides: it is exactly
/// reproducible (the agent counts the same operations on any run), where the simulated board's sensor follows the
/// processor time the agent measures of itself and its thermal model, so two runs of it never give the same figures.
/// </summary>
[Collection(LavaCollection.Name)]
public sealed partial class LavaSearchTests(LavaFarm farm) : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-search-");

    public void Dispose() => _temp.Dispose();

    private static readonly Dictionary<string, string> Environment = new() { ["OMP_NUM_THREADS"] = "1" };

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

    [Fact]
    public void A_simulated_board_described_by_the_bench_gives_every_figure_from_its_board_side_sensor_in_windows_replayed_from_the_job()
    {
        farm.Require();
        var output = _temp.File("simulated");
        var result = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["search", "--sst2-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--power-weight", "1", "--max-evaluations", "2", "--board-top", "1",
                "--out", output, "--cache", _temp.File("cache"), "--history", _temp.File("simulated.db"), "--quick-windows",
                "--lava", farm.Url, "--lava-config", farm.ConfigPath, "--lava-agent-runtime", "linux-x64",
                "--bench", Path.Combine(RepositoryFiles.Root, "hardware", "simulated-jetson.yaml"), "--lava-board", "sim-jetson"],
            Environment, RepositoryFiles.Root, timeoutSeconds: 600);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("meter jetson:VDD_IN on the board", result.StdOut);
        var measured = Measured(output);
        Assert.True(measured.Count >= 2, result.StdOut);
        // Every measured candidate has the lab's figures: windows of the simulated board's sensor, paired with the baseline.
        Assert.All(measured, r => Assert.Equal("simulated:orin-sim", r.PowerSource!.ToString()));
        Assert.All(measured, r => Assert.True(r.Windows == 3 && r.IdleWatts > 0 && r.Quick == true, $"candidate {r.Candidate}: {r.Windows} windows, idle {r.IdleWatts} W"));
        Assert.Contains(measured, r => r.Saving is not null);
        Assert.True(File.Exists(Path.Combine(output, "windows.csv")));
    }
}
