using QSLM.History.Records;
using QSLM.History.Store;

namespace QSLM.History.Tests.Store;

/// <summary>What every run history store does, whatever engine stands behind it: each store's tests derive from this.</summary>
public abstract class RunHistoryContract
{
    /// <summary>Opens the test's store (the same one each time it is called).</summary>
    protected abstract IRunHistory Open();

    protected static RunStart Start(RunKind kind = RunKind.Qualify, string label = "m.qslm on pi") =>
        new(kind, label, "/tmp/run", "qslm qualify m.qslm --board pi", "ana", new Dictionary<string, string> { ["qslm_version"] = "1.0.0" });

    [Fact]
    public void A_recorded_run_reads_back_with_everything_it_recorded()
    {
        string id;
        using (var history = Open())
        {
            using var run = history.Begin(Start());
            id = run.RunId;
            run.Board(new BoardRecord("pi", "raspberry-pi5", "pi5", "Raspberry Pi 5 Model B Rev 1.0", "abc123", "6.6.31", "2024-05-01", "governor performance"));
            run.Candidate(new CandidateRecord("m.qslm", "ff00", null, "qualified", null, 1234, null));
            run.Measurement(new MeasurementRecord("pi", "m.qslm", Quantities.Power, 3.25, 0.05, "W", "measured:pmic", 2));
            run.Verdict(new VerdictRecord("pi", "m.qslm", "memory", "passed", 1000, 2000, "B", "1000 B within 2000 B"));
            run.Provenance(new Dictionary<string, string> { ["board.pi.serial"] = "abc123" });
            run.Finish(RunStatus.Completed, "1 passed");
        }
        using var reopened = Open();
        var record = reopened.Load(id)!;
        Assert.Equal(RunStatus.Completed, record.Summary.Status);
        Assert.Equal("1 passed", record.Summary.Outcome);
        Assert.Equal("ana", record.Summary.Operator);
        Assert.Equal(["pi"], record.Summary.Boards);
        Assert.Equal(["m.qslm"], record.Summary.Models);
        Assert.Equal(new MeasurementRecord("pi", "m.qslm", Quantities.Power, 3.25, 0.05, "W", "measured:pmic", 2), Assert.Single(record.Measurements));
        Assert.Equal("abc123", record.Provenance["board.pi.serial"]);
        Assert.Equal("1.0.0", record.Provenance["qslm_version"]);
        Assert.Equal("6.6.31", Assert.Single(record.Boards).Kernel);
        Assert.Equal("passed", Assert.Single(record.Verdicts).Status);
    }

    [Fact]
    public void A_recorder_disposed_without_an_end_leaves_an_interrupted_run()
    {
        using var history = Open();
        string id;
        using (var run = history.Begin(Start()))
        {
            id = run.RunId;
            run.Measurement(new MeasurementRecord("pi", "m", Quantities.LatencyP50, 2.5, null, "ms"));
        }
        var summary = Assert.Single(history.List(new RunFilter()));
        Assert.Equal(id, summary.Id);
        Assert.Equal(RunStatus.Interrupted, summary.Status);
        Assert.Equal(1, summary.Measurements);
    }

    [Fact]
    public void Runs_are_filtered_by_kind_board_and_model_newest_first()
    {
        using var history = Open();
        using (var a = history.Begin(Start(RunKind.Claim, "a")))
        {
            a.Board(new BoardRecord("jetson", null, null, null, null, null, null, null));
            a.Measurement(new MeasurementRecord("jetson", "x", Quantities.Power, 1, null, "W"));
            a.Finish(RunStatus.Completed, "supported");
        }
        using (var b = history.Begin(Start(RunKind.Qualify, "b")))
        {
            b.Board(new BoardRecord("pi", null, null, null, null, null, null, null));
            b.Measurement(new MeasurementRecord("pi", "y", Quantities.Power, 1, null, "W"));
            b.Finish(RunStatus.Completed, "1 passed");
        }
        Assert.Equal(["b", "a"], history.List(new RunFilter()).Select(r => r.Label));
        Assert.Equal(["a"], history.List(new RunFilter(Kind: RunKind.Claim)).Select(r => r.Label));
        Assert.Equal(["b"], history.List(new RunFilter(Board: "pi")).Select(r => r.Label));
        Assert.Equal(["a"], history.List(new RunFilter(Model: "x")).Select(r => r.Label));
        Assert.Equal(["b"], history.List(new RunFilter(Last: 1)).Select(r => r.Label));
    }
}
