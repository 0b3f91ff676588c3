namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm search --lava</c>'s input checked before anything is recorded or searched: a bench's board, a meter on the
/// host and LAVA's options without <c>--lava</c> are the user's to fix (exit 2), a LAVA that cannot be reached is
/// infrastructure (exit 3), the token is never printed, and none of them leaves a run in the history. No LAVA is
/// needed: each stops before a job would be submitted.
/// </summary>
public sealed class LavaSearchInputTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-search-input-");

    public void Dispose() => _temp.Dispose();

    private ChildProcess.Result Search(params string[] more)
    {
        // HOME moves to the test's folder, so a developer's ~/.config/qslm/lava.yaml is not read.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _temp.Path,
            ["OMP_NUM_THREADS"] = "1",
            [QSLM.Farm.Lava.LavaSettings.TokenVariable] = "t0ken",
            [QSLM.Farm.Lava.LavaSettings.ConfigVariable] = _temp.File("absent.yaml"),
        };
        return ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["search", "--history", _temp.File("history.db"), "--out", _temp.File("out"), "--sst2-sentences", "4", .. more], environment, RepositoryFiles.Root);
    }

    private void AssertNothingRecorded(ChildProcess.Result result)
    {
        Assert.DoesNotContain("t0ken", result.StdOut + result.StdErr);
        Assert.False(File.Exists(_temp.File("history.db")));
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public void A_bench_board_with_lava_is_refused()
    {
        var result = Search("--lava", "http://127.0.0.1:9", "--board", "local");

        OneLineError.Assert(result, "--lava measures on the farm's devices of --device-type: --board picks boards of a bench");
        AssertNothingRecorded(result);
    }

    [Fact]
    public void A_meter_on_the_host_with_lava_is_refused()
    {
        var result = Search("--lava", "http://127.0.0.1:9", "--sensor", "simulated");

        OneLineError.Assert(result, "--sensor is a meter on the host beside the board");
        AssertNothingRecorded(result);
    }

    [Fact]
    public void Lava_tags_and_a_lava_board_without_lava_are_refused()
    {
        OneLineError.Assert(Search("--lava-tag", "pi5"), "--lava-tag and --lava-board are about LAVA devices: they need --lava");
        var board = Search("--lava-board", "sim-jetson");
        OneLineError.Assert(board, "--lava-tag and --lava-board are about LAVA devices: they need --lava");
        AssertNothingRecorded(board);
    }

    [Fact]
    public void A_lava_that_cannot_be_reached_is_infrastructure_before_anything_is_recorded()
    {
        // Port 9 (discard) on loopback has nothing listening here: the connection is refused at once.
        var result = Search("--lava", "http://127.0.0.1:9");

        Assert.True(result.ExitCode == 3, result.StdOut + result.StdErr);
        Assert.Contains("LAVA at http://127.0.0.1:9/ cannot be reached", result.StdErr);
        AssertNothingRecorded(result);
    }
}
