using System.Text.Json;
using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm regress</c> over runs recorded as a qualification records them (board, model, accuracy, peak memory,
/// latency, power with its interval), written through the history's recorder.</summary>
public sealed class RegressCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-regress-");

    public void Dispose() => _temp.Dispose();

    private string History => _temp.File("history.db");

    private string Record(double accuracy, double watts = 4.0, bool finish = true)
    {
        using var history = SqliteRunHistory.Open(History);
        using var run = history.Begin(new RunStart(RunKind.Qualify, "m.qslm on pi", null, "qslm qualify m.qslm --board pi", "ana", new Dictionary<string, string>()));
        run.Board(new BoardRecord("pi", "raspberry-pi5", "pi5", "Raspberry Pi 5", "abc", "6.6", null, null));
        run.Candidate(new CandidateRecord("m.qslm", "ff", null, "qualified", null, 1000, null));
        run.Measurement(new MeasurementRecord("pi", "m.qslm", Quantities.Accuracy, accuracy, null, "fraction"));
        run.Measurement(new MeasurementRecord("pi", "m.qslm", Quantities.PeakMemory, 40_000_000, null, "B"));
        run.Measurement(new MeasurementRecord("pi", "m.qslm", Quantities.LatencyP50, 2.5, null, "ms"));
        run.Measurement(new MeasurementRecord("pi", "m.qslm", Quantities.Power, watts, 0.05, "W", "measured:ina219"));
        if (finish) run.Finish(RunStatus.Completed, "4 passed");
        return run.RunId;
    }

    private ChildProcess.Result Regress(string? run, string baseline, string output) =>
        InProcess.Run([.. new[] { "regress" }, .. run is null ? Array.Empty<string>() : [run], "--against", baseline, "--history", History, "--out", output, "--trend", "5"]);

    private static JsonElement Check(string folder, string check) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == check);

    [Fact]
    public void A_run_whose_model_lost_accuracy_fails_with_its_figures_and_an_identical_rerun_passes()
    {
        var baseline = Record(accuracy: 0.90);
        var regressed = Record(accuracy: 0.85);
        var rerun = Record(accuracy: 0.90);

        var failed = Regress(regressed, baseline, _temp.File("regressed"));
        Assert.True(failed.ExitCode == 1, failed.StdOut + failed.StdErr);
        var accuracy = Check(_temp.File("regressed"), Quantities.Accuracy);
        Assert.Equal("failed", accuracy.GetProperty("status").GetString());
        Assert.Equal(0.85, accuracy.GetProperty("measured").GetDouble());
        Assert.Equal(0.89, accuracy.GetProperty("threshold").GetDouble(), 12);
        Assert.Equal("passed", Check(_temp.File("regressed"), Quantities.Power).GetProperty("status").GetString());
        Assert.Contains("FAILED pi m.qslm accuracy", failed.StdOut);

        var passed = Regress(rerun, baseline, _temp.File("rerun"));
        Assert.True(passed.ExitCode == 0, passed.StdOut + passed.StdErr);
        Assert.All([Quantities.Accuracy, Quantities.PeakMemory, Quantities.LatencyP50, Quantities.Power],
            q => Assert.Equal("passed", Check(_temp.File("rerun"), q).GetProperty("status").GetString()));
    }

    [Fact]
    public void A_regression_is_recorded_as_a_regress_run_with_its_verdicts_and_trend_plots()
    {
        var baseline = Record(accuracy: 0.90);
        Record(accuracy: 0.90, watts: 4.1);
        Record(accuracy: 0.90, watts: 6.0);

        // The newest completed run of the baseline's kind is the one compared.
        var result = Regress(null, baseline, _temp.File("newest"));

        Assert.True(result.ExitCode == 1, result.StdOut + result.StdErr);
        Assert.Equal("failed", Check(_temp.File("newest"), Quantities.Power).GetProperty("status").GetString());
        using var history = SqliteRunHistory.Open(History);
        var regress = Assert.Single(history.List(new RunFilter(Kind: RunKind.Regress)));
        Assert.Equal(RunStatus.Completed, regress.Status);
        var verdicts = history.Load(regress.Id)!.Verdicts;
        Assert.Equal(4, verdicts.Count);
        Assert.Equal("failed", verdicts.Single(v => v.Check == Quantities.Power).Status);
        var figures = JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp.File("newest"), "report.json"))).RootElement.GetProperty("figures");
        Assert.Equal(4, figures.GetArrayLength());
        Assert.Contains(figures.EnumerateArray(), f => f.GetProperty("name").GetString() == "trend-pi-m.qslm-power.png" && f.GetProperty("caption").GetString()!.Contains("last 3 completed runs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_or_interrupted_run_is_bad_input_named_as_such_and_nothing_is_recorded()
    {
        var baseline = Record(accuracy: 0.90);
        var interrupted = Record(accuracy: 0.90, finish: false);

        var unknown = Regress("qualify-nope", baseline, _temp.File("unknown"));
        var broken = Regress(interrupted, baseline, _temp.File("interrupted"));

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("run qualify-nope is not in history", unknown.StdErr);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains($"run {interrupted} is interrupted", broken.StdErr);
        using var history = SqliteRunHistory.Open(History);
        Assert.Empty(history.List(new RunFilter(Kind: RunKind.Regress)));
        Assert.False(Directory.Exists(_temp.File("unknown")));
    }
}
