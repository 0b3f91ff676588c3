using QSLM.Errors;
using QSLM.Harness.Search;
using QSLM.Search.Results;

namespace QSLM.Harness.Tests.Search;

public sealed class SearchFolderTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-search-folder-");

    public void Dispose() => _temp.Dispose();

    private static SearchManifest Manifest(string constA = "acc>=-1pt", double alpha = 1, string started = "2026-01-01T00:00:00.0000000Z") => new(
        "qslm test", "sst2", new Dictionary<string, string> { ["sst2.pth"] = "aa" }, new Dictionary<string, string> { ["sst2/dev.tsv"] = "bb" },
        "none", "SST-2 dev, first 4 sentences", constA, null, alpha, ["int8", "sign1"], started);

    [Fact]
    public void The_same_search_resumes_in_its_folder_keeping_its_start_and_another_search_is_refused_there()
    {
        var folder = _temp.File("run");
        using (SearchFolder.Open(folder, Manifest())) { }

        var resumed = SearchFolder.Open(folder, Manifest(started: "2026-02-02T00:00:00.0000000Z"));
        resumed.Dispose();
        Assert.Equal("2026-01-01T00:00:00.0000000Z", resumed.Manifest.Started);
        Assert.Equal("2026-01-01T00:00:00.0000000Z", SearchManifest.TryRead(Path.Combine(folder, SearchFolder.ManifestFile))!.Started);

        var e = Assert.Throws<InputException>(() => SearchFolder.Open(folder, Manifest(alpha: 2)));
        Assert.Contains("holds a different search", e.Message);
    }

    [Fact]
    public void A_resumed_folder_holds_what_the_earlier_run_completed_and_a_different_search_leaves_it_untouched()
    {
        var folder = _temp.File("run");
        using (var first = SearchFolder.Open(folder, Manifest()))
        {
            Assert.Equal(0, first.Completed.RowCount);
            first.Log.Append(Row(1, CandidateStatus.HostOnly));
            first.Log.Append(Row(1, CandidateStatus.Measured));
        }
        var log = File.ReadAllText(Path.Combine(folder, SearchFolder.LogFile));

        using (var resumed = SearchFolder.Open(folder, Manifest()))
        {
            Assert.Equal(2, resumed.Completed.RowCount);
            Assert.True(resumed.Completed.TryGetHost("fp32", sensitivity: false, out var host));
            Assert.Equal(1, host.Candidate);
            Assert.True(resumed.Completed.TryGetMeasurement(1, out _, out var status));
            Assert.Equal(CandidateStatus.Measured, status);
        }

        Assert.Throws<InputException>(() => SearchFolder.Open(folder, Manifest(constA: "acc>=-2pt")));
        Assert.Equal(log, File.ReadAllText(Path.Combine(folder, SearchFolder.LogFile)));
        Assert.Equal("acc>=-1pt", SearchManifest.TryRead(Path.Combine(folder, SearchFolder.ManifestFile))!.ConstA);
    }

    [Fact]
    public void A_larger_budget_resumes_the_folder_and_other_board_limits_are_another_search()
    {
        var folder = _temp.File("run");
        using (SearchFolder.Open(folder, Manifest() with { MaxLatencyMs = 20, MaxEvaluations = 10, StoppedByBudget = "10 host evaluations" })) { }

        using (var resumed = SearchFolder.Open(folder, Manifest() with { MaxLatencyMs = 20, MaxEvaluations = 40 }))
        {
            Assert.Equal(40, resumed.Manifest.MaxEvaluations);
            Assert.Null(resumed.Manifest.StoppedByBudget);
        }
        var e = Assert.Throws<InputException>(() => SearchFolder.Open(folder, Manifest() with { MaxLatencyMs = 15, MaxEvaluations = 40 }));
        Assert.Contains("board limits latency<=20ms/token", e.Message, StringComparison.Ordinal);
    }

    private static CandidateRow Row(int id, CandidateStatus status) => new()
    {
        Candidate = id, Tier = "baseline", Precisions = "fp32", Bytes = 1000, Metric = "accuracy", HostValue = 0.8, Feasible = true, Status = status.ToString(),
    };

    [Fact]
    public void Constraints_are_compared_as_constraints_not_as_text()
    {
        Assert.True(Manifest("acc>=-1pt").SameSearchAs(Manifest("acc >= -1.0pt")));
        Assert.False(Manifest("acc>=-1pt").SameSearchAs(Manifest("acc>=-2pt")));
        Assert.False(Manifest("acc>=-1pt").SameSearchAs(Manifest("ppl<=+1%")));
    }
}
