using System.Text.Json;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm search</c> on several boards at once: each tier's board measurements are shared over the boards, and the
/// search answers and logs what it does on one board. The boards are this machine's local agents under a profile with
/// no sensor, so power is estimated from counted operations: the same on any board, so the objective is too.
/// </summary>
public sealed class SeveralBoardsSearchCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-several-boards-search-");

    public void Dispose() => _temp.Dispose();

    // Four host evaluations (the baseline, both uniform precisions, one sensitivity) with every candidate feasible: the
    // baseline is measured alone, then the global tier's two candidates as one batch.
    private string[] Small(string output, string bench, params string[] boards) =>
        ["search", "--sst2-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--const-a", "acc>=0", "--alpha", "1", "--power-weight", "1",
            "--out", output, "--cache", _temp.File("cache"), "--bench", bench, .. boards.SelectMany(b => new[] { "--board", b }),
            "--board-top", "2", "--max-evaluations", "4", "--board-tokens", "32", "--board-repeats", "2"];

    // Two local boards of a profile without sensors; names of their own, so no other test holds their locks.
    private (string Bench, string A, string B) Bench()
    {
        var folder = _temp.File("bench");
        Directory.CreateDirectory(Path.Combine(folder, "firmware-profiles"));
        File.WriteAllText(Path.Combine(folder, "firmware-profiles", "plain-x64.yaml"), string.Join('\n',
            "profile: plain-x64", "description: this machine as a board, with no meter", "runtime: linux-x64", "memory_for_model: mem_available",
            "sensors: []", "settings: {}", "idle_watts:", "  min: 1", "  max: 100", "  source: estimated:none", ""));
        var (a, b) = ("pool-a-" + Guid.NewGuid().ToString("N")[..8], "pool-b-" + Guid.NewGuid().ToString("N")[..8]);
        var bench = Path.Combine(folder, "bench.yaml");
        File.WriteAllText(bench, $"bench: pool\nboards:\n  - name: {a}\n    profile: plain-x64\n    link: local\n  - name: {b}\n    profile: plain-x64\n    link: local\n");
        return (bench, a, b);
    }

    // The columns that depend on the run's timing or the board's process, not on the candidate.
    private static readonly string[] Timing = ["latency_ms_per_token", "peak_rss_bytes", "power_w", "power_ci95_w"];

    private static List<Dictionary<string, string>> CandidateRows(string output)
    {
        var lines = File.ReadAllLines(Path.Combine(output, "search.csv"));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).Where(p => !Timing.Contains(p.First)).ToDictionary(p => p.First, p => p.Second))];
    }

    private static JsonElement Manifest(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;

    [Fact]
    public void Two_boards_share_the_measurements_and_choose_and_log_what_one_board_does()
    {
        var (bench, a, b) = Bench();
        var one = _temp.File("one");
        var two = _temp.File("two");

        var alone = QslmProcess.Run(Small(one, bench, a));
        var shared = QslmProcess.Run(Small(two, bench, a, b));

        Assert.True(alone.ExitCode == 0, alone.StdOut + alone.StdErr);
        Assert.True(shared.ExitCode == 0, shared.StdOut + shared.StdErr);
        Assert.Equal(Manifest(one).GetProperty("Chosen").GetInt32(), Manifest(two).GetProperty("Chosen").GetInt32());
        Assert.Equal($"{a}, {b} of bench.yaml", Manifest(two).GetProperty("Board").GetString());
        var rows = CandidateRows(two);
        Assert.Equal(3, rows.Count(r => r["status"] == "measured"));
        Assert.Equal(CandidateRows(one), rows);
        Assert.Contains($"board {a}: agent", shared.StdOut, StringComparison.Ordinal);
        Assert.Contains($"on {a}, {b}: latency per token", shared.StdOut, StringComparison.Ordinal);
        Assert.Matches($@"measured on\s*│\s*({a}|{b})\s*│\s*({a}|{b})", shared.StdOut);
        Assert.DoesNotContain("rerun on another board", shared.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_that_cannot_be_brought_up_leaves_the_pool_and_the_others_answer_as_one_board_does()
    {
        var (bench, a, b) = Bench();
        var gone = "pool-gone-" + Guid.NewGuid().ToString("N")[..8];
        File.AppendAllText(bench, $"  - name: {gone}\n    profile: plain-x64\n    link: serial\n    serial:\n      device: {_temp.File("no-such-tty")}\n");
        var one = _temp.File("one");
        var three = _temp.File("three");

        var alone = QslmProcess.Run(Small(one, bench, a));
        var pooled = QslmProcess.Run(Small(three, bench, a, b, gone));

        Assert.True(alone.ExitCode == 0, alone.StdOut + alone.StdErr);
        Assert.True(pooled.ExitCode == 0, pooled.StdOut + pooled.StdErr);
        Assert.Contains($"board {gone} failed for infrastructure while being brought up and leaves the pool", pooled.StdOut, StringComparison.Ordinal);
        Assert.Equal(Manifest(one).GetProperty("Chosen").GetInt32(), Manifest(three).GetProperty("Chosen").GetInt32());
        Assert.Equal(CandidateRows(one), CandidateRows(three));
        Assert.DoesNotMatch($@"measured on\s*│[^\n]*{gone}", pooled.StdOut);
    }

    [Fact]
    public void When_no_board_can_be_brought_up_the_search_fails_for_infrastructure_naming_each()
    {
        var (bench, _, _) = Bench();
        var (x, y) = ("pool-x-" + Guid.NewGuid().ToString("N")[..8], "pool-y-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var name in new[] { x, y })
            File.AppendAllText(bench, $"  - name: {name}\n    profile: plain-x64\n    link: serial\n    serial:\n      device: {_temp.File("no-such-tty-" + name)}\n");

        var result = QslmProcess.Run(Small(_temp.File("none"), bench, x, y));

        Assert.True(result.ExitCode == 3, result.StdOut + result.StdErr);
        Assert.Contains($"no board of {x}, {y} could be brought up; {x}: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"; {y}: ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_only_search_takes_no_other_board()
    {
        var result = QslmProcess.Run(["search", "--board", "none", "--board", "local", "--out", _temp.File("refused")]);

        Assert.True(result.ExitCode == 2, result.StdOut + result.StdErr);
        Assert.Contains("--board none searches on the host only: it takes no other board", result.StdErr, StringComparison.Ordinal);
    }
}
