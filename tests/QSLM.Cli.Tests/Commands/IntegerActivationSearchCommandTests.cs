using System.Text.Json;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// A search whose menu holds a weight-only format and its integer-activation (A8) twin, with a power weight, on the
/// local board without a meter: the board's estimate prices the A8 products as int8 arithmetic, so the twin, as small
/// and as accurate on these sentences, wins on energy; the answer's latency on the board is printed beside fp32's.
/// </summary>
public sealed class IntegerActivationSearchCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-a8-search-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void With_a_power_weight_a_menu_of_weight_only_and_a8_variants_gives_a8_modules_with_latency_beside_fp32s()
    {
        var output = _temp.File("search");
        var result = QslmProcess.Run(["search", "--sst2-sentences", "4", "--menu", "int8,int8_a8", "--lm-tokens", "32", "--const-a", "acc>=0", "--alpha", "0", "--power-weight", "1",
            "--out", output, "--cache", _temp.File("cache"), "--board", "local", "--board-top", "2", "--max-evaluations", "4", "--board-tokens", "32", "--board-repeats", "2"]);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var chosen = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json"))).RootElement.GetProperty("Chosen").GetInt32();
        // The log is append-only: a candidate's last row is its measurement on the board.
        var lines = File.ReadAllLines(Path.Combine(output, "search.csv"));
        var header = lines[0].Split(',');
        var row = lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).Last(r => r["candidate"] == chosen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("int8_a8", row["precisions"], StringComparison.Ordinal);
        Assert.StartsWith("estimated:", row["power_source"], StringComparison.Ordinal);
        Assert.Matches(@"on local: latency per token\s*│\s*[0-9.]+ ms\s*│\s*[0-9.]+ ms", result.StdOut);
    }
}
