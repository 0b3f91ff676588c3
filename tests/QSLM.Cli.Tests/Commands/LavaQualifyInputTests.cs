namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm qualify --lava</c>'s input checked before the run is recorded: a missing token and a bench's board
/// selection are the user's to fix (exit 2), a LAVA that cannot be reached is infrastructure (exit 3), and none of
/// them leaves a run in the history. No LAVA is needed: each stops before a job would be submitted.
/// </summary>
public sealed class LavaQualifyInputTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-input-");

    public void Dispose() => _temp.Dispose();

    private ChildProcess.Result Qualify(Dictionary<string, string> environment, params string[] more)
    {
        // HOME moves to the test's folder, so a developer's ~/.config/qslm/lava.yaml is not read.
        environment["HOME"] = _temp.Path;
        environment["OMP_NUM_THREADS"] = "1";
        environment.TryAdd(QSLM.Farm.Lava.LavaSettings.TokenVariable, "");
        environment.TryAdd(QSLM.Farm.Lava.LavaSettings.ConfigVariable, _temp.File("absent.yaml"));
        return ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"),
            ["qualify", _temp.File("model.qslm"), "--history", _temp.File("history.db"), "--out", _temp.File("out"), .. more], environment, RepositoryFiles.Root);
    }

    [Fact]
    public void No_token_is_refused_with_where_one_goes_and_nothing_is_recorded()
    {
        var result = Qualify([], "--lava", "http://127.0.0.1:9");

        OneLineError.Assert(result, "no LAVA token: set $QSLM_LAVA_TOKEN or put token: in");
        Assert.False(File.Exists(_temp.File("history.db")));
    }

    [Fact]
    public void A_bench_board_with_lava_is_refused()
    {
        var result = Qualify(new() { [QSLM.Farm.Lava.LavaSettings.TokenVariable] = "t0ken" }, "--lava", "http://127.0.0.1:9", "--board", "local");

        OneLineError.Assert(result, "--board and --tag pick boards of a bench");
        Assert.DoesNotContain("t0ken", result.StdOut + result.StdErr);
    }

    [Fact]
    public void A_lava_that_cannot_be_reached_is_infrastructure_before_anything_is_recorded()
    {
        // Port 9 (discard) on loopback has nothing listening here: the connection is refused at once.
        var result = Qualify(new() { [QSLM.Farm.Lava.LavaSettings.TokenVariable] = "t0ken" }, "--lava", "http://127.0.0.1:9");

        Assert.True(result.ExitCode == 3, result.StdOut + result.StdErr);
        Assert.Contains("LAVA at http://127.0.0.1:9/ cannot be reached", result.StdErr);
        Assert.DoesNotContain("t0ken", result.StdOut + result.StdErr);
        Assert.False(File.Exists(_temp.File("history.db")));
    }
}
