using System.Globalization;
using System.Text.Json;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Tests.Commands;

/// <summary>
/// <c>qslm claim</c> on the emulated arm64 board (the linux-arm64 agent under qemu-aarch64) whose simulated Jetson prices
/// each packed model's tokens at the energy the test states: a true saving beyond the claim is supported, none is
/// contradicted, one under window noise is inconclusive until the advised number of windows decides it (on this machine's
/// agent, so the rerun's length does not hang on how starved an emulator is).
/// The report and the run history must say the same. Bad input is refused before the history is touched.
/// </summary>
public sealed class ClaimCommandTests(ClaimFixture models) : IClassFixture<ClaimFixture>, IDisposable
{
    private const double BaselineJoules = 0.002;

    private readonly TemporaryFolder _temp = new("qslm-claim-");

    public void Dispose() => _temp.Dispose();

    private string History => _temp.File("history.db");

    private static string Board(string what) => $"claim-{what}-{Guid.NewGuid().ToString("N")[..6]}";

    private ChildProcess.Result Claim(string bench, string board, string output, params string[] more) =>
        QslmProcess.Run(["claim", "--bench", bench, "--board", board, "--candidate", models.Int8, "--claim", "-20%", "--quick", "--window-seconds", "3", "--out", output,
            "--history", History, "--operator", "claim-tests", .. more]);

    private static JsonElement Report(string output) => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement;

    private RunRecord OnlyRun()
    {
        using var history = SqliteRunHistory.Open(History);
        var run = Assert.Single(history.List(new RunFilter()));
        return history.Load(run.Id)!;
    }

    private static double Number(JsonElement element, string name) => element.GetProperty(name).GetDouble();

    // What every measured claim's report and history hold: both models' answers checked on the board, every window
    // (idle, then the pairs) with its figures committed as taken, the interval named, and the same verdict in both.
    private static void AssertMeasured(JsonElement report, RunRecord run, string verdict, int pairs)
    {
        Assert.Equal("claim", report.GetProperty("kind").GetString());
        var claim = report.GetProperty("claim");
        Assert.Equal(verdict, claim.GetProperty("verdict").GetString());
        Assert.Equal(pairs, claim.GetProperty("pairs").GetInt32());
        Assert.Contains($"Student's t over {pairs} paired repeats (n = {pairs}, df = {pairs - 1}", claim.GetProperty("interval_method").GetString(), StringComparison.Ordinal);
        Assert.True(Number(claim, "low") <= Number(claim, "difference") && Number(claim, "difference") <= Number(claim, "high"));
        Assert.All(claim.GetProperty("figures").EnumerateArray(), f => Assert.Equal("simulated:claim-test", f.GetProperty("source").GetString()));
        Assert.Equal(12, claim.GetProperty("figures").GetArrayLength());
        var checks = report.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("check").GetString(), c.GetProperty("status").GetString())).ToList();
        Assert.Contains(("agreement-baseline", "passed"), checks);
        Assert.Contains(("agreement-candidate", "passed"), checks);
        Assert.Equal(1 + (2 * pairs), report.GetProperty("windows").GetArrayLength());
        var trace = Assert.Single(report.GetProperty("traces").EnumerateArray());
        Assert.True(trace.GetProperty("watts").GetArrayLength() > 10 * pairs);
        Assert.Equal("claim-tests", report.GetProperty("provenance").GetProperty("operator").GetString());
        Assert.Contains("calibration: none", string.Join('\n', report.GetProperty("notes").EnumerateArray().Select(n => n.GetString())), StringComparison.Ordinal);

        Assert.Equal((RunKind.Claim, RunStatus.Completed, "claim-tests"), (run.Summary.Kind, run.Summary.Status, run.Summary.Operator));
        Assert.StartsWith(verdict, run.Summary.Outcome, StringComparison.Ordinal);
        var claimVerdict = Assert.Single(run.Verdicts, v => v.Check == "claim");
        Assert.Equal((verdict, -0.2), (claimVerdict.Status, claimVerdict.Threshold));
        Assert.Equal(Number(claim, "difference"), claimVerdict.Measured!.Value, 12);
        Assert.Equal(["baseline", "candidate"], run.Candidates.Select(c => c.Model));
        var perWindow = run.Measurements.Where(m => m.Window is not null && m.Quantity == Quantities.NetEnergyPerToken).ToList();
        Assert.Equal(2 * pairs, perWindow.Count);
        Assert.All(perWindow, m => Assert.Equal("simulated:claim-test", m.Source));
        Assert.Contains(run.Measurements, m => m.Window is null && m.Quantity == Quantities.Saving && m.Model == "candidate");
        Assert.Single(run.Boards);
    }

    [Fact]
    public void A_true_saving_of_25_percent_supports_a_claim_of_20_percent_against_the_host_model_packed_at_fp32()
    {
        var board = Board("supported");
        var bench = models.Bench(_temp.Path, board, BaselineJoules, 0.75 * BaselineJoules);
        var output = _temp.File("supported");

        var result = Claim(bench, board, output, "--baseline", "fp32", "--model", models.Checkpoint, "--windows", "6");

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        var report = Report(output);
        AssertMeasured(report, OnlyRun(), "supported", 6);
        // The baseline packed by the claim is byte for byte the fp32 file the board prices.
        var baseline = report.GetProperty("models").EnumerateArray().First(m => m.GetProperty("label").GetString() == "baseline");
        Assert.Equal(ClaimFixture.Sha256(models.Fp32), baseline.GetProperty("sha256").GetString());
        Assert.InRange(Number(report.GetProperty("claim"), "difference"), -0.3, -0.2);
        Assert.True(File.Exists(Path.Combine(output, "windows.csv")));
        Assert.Contains("claim: supported", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void No_saving_contradicts_the_claim_and_exits_1()
    {
        var board = Board("contradicted");
        var bench = models.Bench(_temp.Path, board, BaselineJoules, BaselineJoules);
        var output = _temp.File("contradicted");

        var result = Claim(bench, board, output, "--baseline", models.Fp32, "--windows", "4");

        Assert.True(result.ExitCode == 1, result.StdOut + result.StdErr);
        var report = Report(output);
        AssertMeasured(report, OnlyRun(), "contradicted", 4);
        Assert.True(Number(report.GetProperty("claim"), "low") > -0.2);
        Assert.Contains(report.GetProperty("checks").EnumerateArray(), c => c.GetProperty("check").GetString() == "claim" && c.GetProperty("status").GetString() == "failed");
    }

    [Fact]
    public void A_saving_under_window_noise_is_inconclusive_on_three_pairs_and_the_advised_number_of_windows_decides_it()
    {
        var board = Board("noisy");
        // A 35% saving under 10% window noise: the stated noise, not the measurement's spread on a loaded machine, sets the
        // advice, so the rerun is short and its verdict does not hang on the machine's load. This machine's agent rather
        // than the emulated one, for the same reason.
        var bench = models.Bench(_temp.Path, board, BaselineJoules, 0.65 * BaselineJoules, windowNoise: 0.10, noiseSeed: 1, emulated: false);
        var first = _temp.File("inconclusive");

        var inconclusive = Claim(bench, board, first, "--baseline", models.Fp32);

        Assert.True(inconclusive.ExitCode == 4, inconclusive.StdOut + inconclusive.StdErr);
        var claim = Report(first).GetProperty("claim");
        Assert.True(Number(claim, "low") < -0.2 && Number(claim, "high") > -0.2, claim.ToString());
        // The advice is the one-sample t test's sample size at 90% power for the observed mean and spread.
        var advised = claim.GetProperty("pairs_to_decide").GetInt32();
        Assert.True(advised > 3, claim.ToString());
        Assert.Contains($"--windows {advised}", inconclusive.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{advised} paired windows (--windows {advised}) would decide it with 90% probability", Report(first).GetProperty("verdict").GetString(), StringComparison.Ordinal);
        AssertMeasured(Report(first), OnlyRun(), "inconclusive", 3);

        var second = _temp.File("decided");
        var decided = Claim(bench, board, second, "--baseline", models.Fp32, "--windows", advised.ToString(CultureInfo.InvariantCulture));

        Assert.True(decided.ExitCode == 0, decided.StdOut + decided.StdErr);
        Assert.Equal("supported", Report(second).GetProperty("claim").GetProperty("verdict").GetString());
        Assert.Equal(advised, Report(second).GetProperty("claim").GetProperty("pairs").GetInt32());
    }

    [Theory]
    [InlineData("0%", "non-zero")]
    [InlineData("150%", "strictly between -100% and +100%")]
    [InlineData("-100%", "outside -100%")]
    public void A_claim_of_zero_or_beyond_100_percent_is_refused_before_the_history_is_touched(string claim, string message)
    {
        var result = QslmProcess.Run("claim", "--bench", Path.Combine(RepositoryFiles.Root, "hardware", "simulated-jetson.yaml"), "--board", "sim-jetson",
            "--candidate", models.Int8, "--claim", claim, "--quick", "--history", History);

        Assert.True(result.ExitCode == 2, result.StdOut + result.StdErr);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(History));
    }

    [Fact]
    public void An_unknown_board_and_a_candidate_of_another_vocabulary_are_refused_before_the_history_is_touched()
    {
        var board = Board("refused");
        var bench = models.Bench(_temp.Path, board, BaselineJoules, BaselineJoules);

        var unknown = QslmProcess.Run("claim", "--bench", bench, "--board", "no-such-board", "--candidate", models.Int8, "--claim", "-20%", "--quick", "--history", History);
        var vocabulary = QslmProcess.Run("claim", "--bench", bench, "--board", board, "--candidate", models.OtherVocabulary, "--baseline", models.Fp32, "--claim", "-20%", "--quick", "--history", History);
        var missing = QslmProcess.Run("claim", "--bench", bench, "--board", board, "--candidate", _temp.File("missing.qslm"), "--claim", "-20%", "--quick", "--history", History);

        Assert.True(unknown.ExitCode == 2, unknown.StdOut + unknown.StdErr);
        Assert.Contains("unknown board 'no-such-board'", unknown.StdErr, StringComparison.Ordinal);
        Assert.True(vocabulary.ExitCode == 2, vocabulary.StdOut + vocabulary.StdErr);
        Assert.Contains("packed for vocabulary", vocabulary.StdErr, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 2, missing.StdOut + missing.StdErr);
        Assert.False(File.Exists(History));
    }
}
