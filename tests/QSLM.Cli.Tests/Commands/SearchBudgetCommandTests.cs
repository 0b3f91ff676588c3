using System.Text.Json;
using QSLM.Search.Results;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm search</c>'s board limits and budget options, from the command line to the search, its CSV and its
/// manifest: a host-only search on a few SST-2 sentences.</summary>
public sealed class SearchBudgetCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-search-budget-cli-");

    public void Dispose() => _temp.Dispose();

    private string[] Small(string output, params string[] more) =>
        ["search", "--sst2-sentences", "4", "--sensitivity-sentences", "4", "--menu", "int8,sign1", "--lm-tokens", "32", "--alpha", "1", "--out", output,
            "--cache", _temp.File("cache"), "--board", "none", .. more];

    private static int HostRows(string output)
    {
        using var log = ResultsLog.Open(Path.Combine(output, "search.csv"));
        return log.Rows.Count(r => CandidateStatus.TryParse(r.Status)?.Outcome == CandidateOutcome.HostOnly);
    }

    private static JsonElement Manifest(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement;

    [Fact]
    public void An_evaluation_budget_stops_the_search_there_says_so_and_a_larger_one_resumes_the_same_folder()
    {
        var output = _temp.File("run");
        var first = QslmProcess.Run(Small(output, "--max-evaluations", "3"));

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("stopped by budget: 3 host evaluations", first.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, HostRows(output));
        Assert.Equal(3, Manifest(output).GetProperty("MaxEvaluations").GetInt32());
        Assert.Equal("3 host evaluations", Manifest(output).GetProperty("StoppedByBudget").GetString());

        var second = QslmProcess.Run(Small(output, "--max-evaluations", "5"));

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(5, HostRows(output));
        Assert.Contains("3 replayed from the log", second.StdOut, StringComparison.Ordinal);
        Assert.Equal(5, Manifest(output).GetProperty("MaxEvaluations").GetInt32());
    }

    [Fact]
    public void A_board_limit_on_a_host_only_search_is_refused_before_anything_is_loaded()
    {
        OneLineError.Assert(InProcess.Run("search", "--board", "none", "--max-latency-ms", "20", "--out", _temp.File("nolimit")),
            "--max-latency-ms, --max-power-w and --max-energy-mj need a board");
    }

    [Theory]
    [InlineData("--max-energy-mj", "1,5", "--max-energy-mj '1,5' is not a positive number")]
    [InlineData("--max-power-w", "-2", "--max-power-w '-2' is not a positive number")]
    [InlineData("--max-minutes", "later", "--max-minutes 'later' is not a positive number of minutes")]
    public void A_malformed_limit_or_budget_is_bad_input_naming_its_option(string option, string value, string expected)
    {
        OneLineError.Assert(InProcess.Run("search", option, value, "--out", _temp.File("bad")), expected);
    }

    [Fact]
    public void An_evaluation_budget_below_one_is_refused_by_the_option()
    {
        Assert.Equal(2, InProcess.Run("search", "--max-evaluations", "0", "--board", "none", "--out", _temp.File("zero")).ExitCode);
    }
}
