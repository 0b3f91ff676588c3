using QSLM.Errors;
using QSLM.Harness.History;
using QSLM.Harness.Power;
using QSLM.Harness.Search;
using QSLM.History.Records;
using QSLM.History.Store;
using QSLM.Search.Results;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Tests.History;

public sealed class SearchImportTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-import-");

    public void Dispose() => _temp.Dispose();

    private static readonly SourceTag Simulated = SourceTag.Simulated("jetson-orin-nano");

    // A search folder as a board search writes it: host rows, a board row for the baseline and candidate 2, their windows.
    private string SearchFolderWith(int? chosen)
    {
        var folder = _temp.File("search-" + (chosen?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unfinished"));
        new SearchManifest("qslm 1.0", "sst2", new Dictionary<string, string> { ["m.safetensors"] = "aa" }, new Dictionary<string, string> { ["sst2/dev.tsv"] = "bb" },
            "jetson of simulated-jetson.yaml", "SST-2 dev, first 8 sentences", "acc>=-1pt", null, 1, ["int8", "sign1"], "2026-01-02T03:04:05Z", PowerSource: Simulated, Chosen: chosen)
            .Write(Path.Combine(Directory.CreateDirectory(folder).FullName, SearchFolder.ManifestFile));
        using (var log = ResultsLog.Open(Path.Combine(folder, SearchFolder.LogFile)))
        {
            log.Append(Row(1, 0.9));
            log.Append(Row(1, 0.9) with { BoardValue = 0.9, LatencyMs = 2.5, PeakRssBytes = 40_000_000, PowerWatts = 5.0, PowerCi95Watts = 0.1, EnergyJoulesPerToken = 0.0125, EnergyCi95JoulesPerToken = 0.0004, PowerSource = Simulated, IdleWatts = 3, NetJoulesPerToken = 0.005, Status = "measured" });
            log.Append(Row(2, 0.89));
            log.Append(Row(2, 0.89) with { BoardValue = 0.885, LatencyMs = 1.5, PeakRssBytes = 20_000_000, PowerWatts = 4.0, PowerCi95Watts = 0.1, EnergyJoulesPerToken = 0.006, PowerSource = Simulated, Saving = 0.25, SavingCi95 = 0.02, Status = "measured" });
            log.Append(Row(3, 0.7));
        }
        File.WriteAllLines(Path.Combine(folder, "windows.csv"),
        [
            "candidate," + LabWindowCsv.Header,
            "2,0,idle,-1,0,true,false,false,,0,false,0,1,1,0,100,3,3,0,,,simulated:jetson-orin-nano,true",
            "2,1,baseline,0,0,true,false,false,,0,false,1,2,1,100,100,5,5,2,0.05,0.02,simulated:jetson-orin-nano,true",
            "2,2,candidate,0,0,true,false,false,,0,false,2,3,1,100,100,4,4,1,0.04,0.01,simulated:jetson-orin-nano,true",
        ]);
        return folder;
    }

    private static CandidateRow Row(int candidate, double host) => new()
    {
        Candidate = candidate, Tier = candidate == 1 ? "baseline" : "global", Precisions = "p" + candidate, Bytes = 1000 / candidate, Metric = "accuracy",
        HostValue = host, Objective = 0.1 * candidate, Feasible = true, Status = "host-only",
    };

    [Fact]
    public void An_imported_search_reads_back_every_candidate_row_and_figure_with_its_source_and_windows()
    {
        var folder = SearchFolderWith(chosen: 2);
        using var history = SqliteRunHistory.Open(_temp.File("history.db"));

        var result = SearchImport.Import(history, folder, "qslm history import", "ana");

        var run = history.Load(result.RunId)!;
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(["#1", "#1", "#2", "#2", "#3"], run.Candidates.Select(c => c.Model));
        Assert.Equal("jetson", Assert.Single(run.Boards).Name);
        Assert.Equal(0.885, run.Measurements.Single(m => m is { Model: "#2", Quantity: Quantities.Accuracy, Board: "jetson" }).Value);
        var power = run.Measurements.Single(m => m is { Model: "#2", Quantity: Quantities.Power, Window: null });
        Assert.Equal((4.0, 0.1, "simulated:jetson-orin-nano"), (power.Value, power.Ci95!.Value, power.Source!));
        Assert.Equal(0.25, run.Measurements.Single(m => m.Quantity == Quantities.Saving).Value);
        Assert.Equal(0.0004, run.Measurements.Single(m => m is { Model: "#1", Quantity: Quantities.EnergyPerToken }).Ci95);
        Assert.Equal([0.9, 0.89, 0.7], run.Measurements.Where(m => m.Quantity == Quantities.HostMetric).Select(m => m.Value));
        Assert.Equal([3.0, 5.0, 4.0], run.Measurements.Where(m => m.Window is not null && m.Quantity == Quantities.Power).Select(m => m.Value));
        Assert.Equal(["#2:idle", "#2:baseline", "#2"], run.Measurements.Where(m => m.Window is not null && m.Quantity == Quantities.Power).Select(m => m.Model));
        Assert.Equal(Path.GetFullPath(folder), run.Provenance[SearchImport.ImportedFrom]);
        Assert.Equal("aa", run.Provenance["model.m.safetensors.sha256"]);
        Assert.Equal(run.Measurements.Count, result.Measurements);
    }

    [Fact]
    public void Importing_the_same_folder_twice_records_one_run()
    {
        var folder = SearchFolderWith(chosen: 2);
        using var history = SqliteRunHistory.Open(_temp.File("history.db"));

        var first = SearchImport.Import(history, folder, "qslm history import", null);
        var second = SearchImport.Import(history, folder, "qslm history import", null);

        Assert.False(first.AlreadyImported);
        Assert.True(second.AlreadyImported);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Single(history.List(new RunFilter()));
    }

    [Fact]
    public void A_search_without_an_answer_imports_as_interrupted_with_what_it_completed()
    {
        var folder = SearchFolderWith(chosen: null);
        using var history = SqliteRunHistory.Open(_temp.File("history.db"));

        var run = history.Load(SearchImport.Import(history, folder, "qslm history import", null).RunId)!;

        Assert.Equal(RunStatus.Interrupted, run.Summary.Status);
        Assert.Equal(5, run.Candidates.Count);
    }

    [Fact]
    public void A_folder_that_is_not_a_search_is_refused_and_nothing_is_recorded()
    {
        var folder = Directory.CreateDirectory(_temp.File("not-a-run")).FullName;
        File.WriteAllText(Path.Combine(folder, SearchFolder.ManifestFile), "{\"not\": \"a manifest\"");
        using var history = SqliteRunHistory.Open(_temp.File("history.db"));

        Assert.Throws<InputException>(() => SearchImport.Import(history, folder, "qslm history import", null));
        Assert.Throws<InputException>(() => SearchImport.Import(history, _temp.File("missing"), "qslm history import", null));

        Assert.Empty(history.List(new RunFilter()));
    }
}
