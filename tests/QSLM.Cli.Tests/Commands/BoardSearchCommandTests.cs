using System.Globalization;
using System.Text.Json;
using QSLM.Benchmarks.Deployment;
using QSLM.Search.Results;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm search</c> with each kind of board in the loop, on a small budget (a few SST-2 sentences, a
/// two-format menu, one candidate per tier on the board, a short timed run): the emulated arm64 board
/// (the self-contained linux-arm64 agent under qemu-aarch64), an SSH board (a private sshd on 127.0.0.1
/// with throwaway keys and its host key pinned; nothing else is ever addressed), and a board whose
/// profile allows a model less memory than any candidate takes. <c>./run-tests</c> installs qemu-user,
/// the arm64 libraries and openssh-server. The self-contained agents come built beside <c>qslm</c>.
/// </summary>
public sealed class BoardSearchCommandTests : IDisposable
{
    private const string EstimatedPower = "estimated:horowitz-45nm";

    private readonly TemporaryFolder _temp = new("qslm-board-search-");

    public void Dispose() => _temp.Dispose();

    private string[] Small(string output, string board, string bench, string menu = "int8,sign1") =>
        ["search", "--sst2-sentences", "4", "--menu", menu, "--lm-tokens", "32", "--alpha", "1", "--out", output, "--cache", _temp.File("cache"),
            "--bench", bench, "--board", board, "--board-top", "1", "--board-tokens", "8", "--board-repeats", "1"];

    private static IReadOnlyList<CandidateRow> Rows(string output)
    {
        using var log = ResultsLog.Open(Path.Combine(output, "search.csv"));
        return log.Rows;
    }

    private static JsonElement Manifest(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;

    /// <summary>What every search that ran on <paramref name="board"/> must show: board rows for the
    /// baseline and at least one candidate, each scoring on the board what it scored on the host, with
    /// power estimated (no sensor); the manifest names the board and the answer is one of those rows.</summary>
    private static void AssertMeasuredOn(string output, string board, string bench, ChildProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var measured = Rows(output).Where(r => r.Status == "measured").ToList();
        Assert.Contains(measured, r => r.Tier == "baseline");
        Assert.Contains(measured, r => r.Tier != "baseline");
        Assert.All(measured, r =>
        {
            Assert.Equal(r.HostValue, r.BoardValue);
            Assert.Equal(EstimatedPower, r.PowerSource?.ToString());
            Assert.True(r.PowerWatts > 0 && r.EnergyJoulesPerToken > 0, $"candidate {r.Candidate}: {r.PowerWatts} W, {r.EnergyJoulesPerToken} J/token");
            Assert.True(r.LatencyMs > 0 && r.PeakRssBytes > 0, $"candidate {r.Candidate}: {r.LatencyMs} ms/token, peak {r.PeakRssBytes} bytes");
        });
        Assert.DoesNotContain(Rows(output), r => r.Status.StartsWith("failed", StringComparison.Ordinal));
        var manifest = Manifest(output);
        Assert.Equal($"{board} of {Path.GetFileName(bench)}", manifest.GetProperty("Board").GetString());
        Assert.Equal(EstimatedPower, manifest.GetProperty("PowerSource").GetString());
        var chosen = manifest.GetProperty("Chosen").GetInt32();
        Assert.Contains(measured, r => r.Candidate == chosen);
        Assert.Contains($"on {board}: power", result.StdOut);
        Assert.True(new FileInfo(Path.Combine(output, "chosen.qslm")).Length > 0);
    }

    [Fact]
    public void A_search_on_the_emulated_arm64_board_runs_the_arm64_agent_and_scores_as_the_host_does()
    {
        // The shipped default bench's emulated board, as `./qslm search --board qemu-arm64` uses it.
        var bench = Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml");
        var output = _temp.File("qemu");
        var result = QslmProcess.Run(Small(output, "qemu-arm64", bench));
        AssertMeasuredOn(output, "qemu-arm64", bench, result);
        Assert.Matches(@"board qemu-arm64: agent \S+ on linux-arm64 via local process \S*qemu-aarch64", result.StdOut);
    }

    [Fact]
    public void A_search_on_an_ssh_board_deploys_its_agent_over_ssh_with_the_host_key_pinned_and_measures_there()
    {
        using var sshd = new LoopbackSshd(Directory.CreateDirectory(_temp.File("sshd")).FullName);
        var boardFolder = _temp.File("ssh-board");
        var bench = _temp.File("ssh-bench.yaml");
        // The loopback board is this x64 machine: the `local` profile gives it the linux-x64 agent,
        // published self-contained as a real SSH board's agent is.
        LoopbackSshBench.Write(bench, "loopback-ssh", sshd, boardFolder);
        var output = _temp.File("ssh");
        var result = QslmProcess.Run(Small(output, "over-ssh", bench));
        AssertMeasuredOn(output, "over-ssh", bench, result);
        Assert.Contains($"board over-ssh: agent ", result.StdOut);
        Assert.Contains($"on linux-x64 via ssh {LoopbackSshd.User}@127.0.0.1:{sshd.Port.ToString(CultureInfo.InvariantCulture)}", result.StdOut);
        // What ran there is the self-contained agent the search copied into the board's folder.
        Assert.Contains(Directory.EnumerateFiles(boardFolder, "*", SearchOption.AllDirectories), f => Path.GetFileName(f) == "qslm-agent");
    }

    [Fact]
    public void A_board_whose_profile_allows_less_memory_than_a_candidate_takes_fails_it_as_a_candidate_and_the_search_says_so()
    {
        // A profile beside the bench file, as a lab keeps its own: this machine as a board that allows a model 1 MB.
        var profiles = Directory.CreateDirectory(_temp.File("lab/firmware-profiles")).FullName;
        TinyMemoryProfile.Write(profiles);
        var bench = _temp.File("lab/bench.yaml");
        File.WriteAllText(bench, "bench: lab\nboards:\n  - name: cramped\n    profile: tiny-memory\n    link: local\n");
        var output = _temp.File("tiny");
        // One format: the baseline and uniform int8 are all the search can offer, so both are tried on the board.
        var result = QslmProcess.Run(Small(output, "cramped", bench, menu: "int8"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("every candidate that meets constA", result.StdErr);
        Assert.Contains("failed on board cramped", result.StdErr);
        Assert.Contains("over the board's 1000000 (memory_for_model of profile tiny-memory)", result.StdErr);
        var board = Rows(output).Where(r => r.PeakRssBytes is not null).ToList();
        Assert.Contains(board, r => r.Tier == "baseline");
        Assert.Contains(board, r => r.Tier == "global");
        Assert.All(board, r =>
        {
            Assert.StartsWith("failed:candidate: out of memory: peak resident ", r.Status);
            Assert.True(r.PeakRssBytes > 1_000_000);
            Assert.False(r.Feasible);
            // It ran and checked out otherwise: only the memory failed it, and its power is still labelled.
            Assert.Equal(r.HostValue, r.BoardValue);
            Assert.Equal(EstimatedPower, r.PowerSource?.ToString());
        });
        Assert.Contains("memory budget 1000000 bytes (memory_for_model of profile tiny-memory)", result.StdOut);
    }
}
