namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm bench search --synthetic</c>: every strategy on the synthetic evaluator, in seconds.</summary>
public sealed class BenchSearchCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-bench-search-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_synthetic_bench_prints_every_strategy_and_the_issue_ratios()
    {
        var result = QslmProcess.Run("bench", "search", "--synthetic", "--out", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("SYNTHETIC", result.StdOut);
        foreach (var strategy in new[] { "tiered", "uniform", "greedy", "random" }) Assert.Contains(strategy, result.StdOut);
        Assert.Matches(@"tiered best within \d+\.\d\d% of the best found \(target <= 1%\)", result.StdOut);
        Assert.Matches(@"tiered used \d+ evaluations = 0\.1 of random's \d+ \(target <= 0\.1\); met", result.StdOut);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "tiered.csv")));
    }

    [Fact]
    public void A_random_factor_below_one_is_refused()
    {
        var result = QslmProcess.Run("bench", "search", "--synthetic", "--random-factor", "0", "--out", _temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--random-factor must be at least 1", result.StdErr);
    }
}
