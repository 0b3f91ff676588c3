using QSLM.Errors;
using QSLM.Harness.Search;

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
        using (SearchFolder.Open(folder, Manifest()).Log) { }

        var (resumed, log) = SearchFolder.Open(folder, Manifest(started: "2026-02-02T00:00:00.0000000Z"));
        log.Dispose();
        Assert.Equal("2026-01-01T00:00:00.0000000Z", resumed.Started);
        Assert.Equal("2026-01-01T00:00:00.0000000Z", SearchManifest.TryRead(Path.Combine(folder, SearchFolder.ManifestFile))!.Started);

        var e = Assert.Throws<InputException>(() => SearchFolder.Open(folder, Manifest(alpha: 2)));
        Assert.Contains("holds a different search", e.Message);
    }

    [Fact]
    public void Constraints_are_compared_as_constraints_not_as_text()
    {
        Assert.True(Manifest("acc>=-1pt").SameSearchAs(Manifest("acc >= -1.0pt")));
        Assert.False(Manifest("acc>=-1pt").SameSearchAs(Manifest("acc>=-2pt")));
        Assert.False(Manifest("acc>=-1pt").SameSearchAs(Manifest("ppl<=+1%")));
    }
}
