using QSLM.Errors;
using QSLM.Harness.Search;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Harness.Tests.Search;

public sealed class SearchManifestTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-search-manifest-");

    public void Dispose() => _temp.Dispose();

    private static SearchManifest Manifest(SourceTag? source) => new(
        "qslm test", "sst2", new Dictionary<string, string> { ["sst2.pth"] = "aa" }, new Dictionary<string, string> { ["sst2/dev.tsv"] = "bb" },
        "pi of bench.yaml", "SST-2 dev, first 4 sentences", "acc>=-1pt", null, 1, ["int8", "sign1"], "2026-01-01T00:00:00.0000000Z", 0.5, source);

    [Theory]
    [InlineData("measured:rapl-package-0")]
    [InlineData("simulated:ina219-default-board")]
    [InlineData("estimated:horowitz-45nm")]
    public void The_power_source_is_written_as_its_tag_text_and_read_back_as_the_same_tag(string text)
    {
        var path = _temp.File("manifest.json");
        Manifest(SourceTag.Parse(text)).Write(path);

        Assert.Contains($"\"PowerSource\": \"{text}\"", File.ReadAllText(path), StringComparison.Ordinal);
        var read = SearchManifest.TryRead(path)!;
        Assert.Equal(SourceTag.Parse(text), read.PowerSource);
        Assert.True(read.SameSearchAs(Manifest(SourceTag.Parse(text))));
        Assert.False(read.SameSearchAs(Manifest(SourceTag.Measured("another-sensor"))));
    }

    [Fact]
    public void A_host_only_search_writes_a_null_power_source()
    {
        var path = _temp.File("manifest.json");
        Manifest(null).Write(path);

        Assert.Contains("\"PowerSource\": null", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Null(SearchManifest.TryRead(path)!.PowerSource);
    }

    [Fact]
    public void A_manifest_whose_power_source_is_not_a_source_tag_is_refused_as_bad_input_naming_the_file()
    {
        var path = _temp.File("manifest.json");
        Manifest(SourceTag.Estimated("horowitz-45nm")).Write(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("estimated:horowitz-45nm", "sensor ina219:1:0x40", StringComparison.Ordinal));

        var e = Assert.Throws<InputException>(() => SearchManifest.TryRead(path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("'sensor ina219:1:0x40' is not a source tag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Board_limits_are_part_of_what_is_searched_and_the_budget_is_not()
    {
        var limited = Manifest(null) with { MaxLatencyMs = 20, MaxEnergyJoulesPerToken = 0.002, MaxEvaluations = 40 };

        Assert.True(limited.SameSearchAs(limited with { MaxEvaluations = 80, MaxMinutes = 30 }));
        Assert.True(limited.SameSearchAs(limited with { MaxEvaluations = null, StoppedByBudget = "40 host evaluations" }));
        Assert.False(limited.SameSearchAs(limited with { MaxLatencyMs = 25 }));
        Assert.False(limited.SameSearchAs(limited with { MaxEnergyJoulesPerToken = null }));
        Assert.False(limited.SameSearchAs(limited with { MaxPowerWatts = 5 }));
    }

    [Fact]
    public void The_power_windows_are_part_of_what_is_searched_and_the_settings_read_back_are_not()
    {
        var path = _temp.File("windows-manifest.json");
        var written = Manifest(SourceTag.Simulated("orin-sim")) with
        {
            PowerWindows = "quick (shorter or fewer than a lab accepts): 3 windows of 1 s",
            BoardSettings = [new SettingOutcome("governor", "performance", true, "performance")],
        };
        written.Write(path);

        var read = SearchManifest.TryRead(path)!;
        Assert.Equal(written.PowerWindows, read.PowerWindows);
        Assert.Equal(("governor", "performance"), (read.BoardSettings![0].Name, read.BoardSettings[0].ReadBack));
        Assert.True(read.SameSearchAs(written with { BoardSettings = null }));
        Assert.False(read.SameSearchAs(written with { PowerWindows = "5 windows of 10 s" }));
    }

    [Fact]
    public void Limits_budget_and_a_stop_by_budget_are_written_and_read_back()
    {
        var path = _temp.File("manifest.json");
        var written = Manifest(SourceTag.Estimated("horowitz-45nm")) with
        {
            MaxLatencyMs = 20, MaxPowerWatts = 4.5, MaxEnergyJoulesPerToken = 0.002, MaxEvaluations = 40, MaxMinutes = 2.5, StoppedByBudget = "40 host evaluations", Chosen = 7,
        };
        written.Write(path);

        var read = SearchManifest.TryRead(path)!;
        Assert.Equal((20.0, 4.5, 0.002), (read.MaxLatencyMs!.Value, read.MaxPowerWatts!.Value, read.MaxEnergyJoulesPerToken!.Value));
        Assert.Equal((40, 2.5, "40 host evaluations"), (read.MaxEvaluations!.Value, read.MaxMinutes!.Value, read.StoppedByBudget));
        Assert.True(read.SameSearchAs(written));
    }

    [Fact]
    public void A_manifest_written_before_limits_and_budgets_reads_as_a_search_without_them()
    {
        var path = _temp.File("manifest.json");
        Manifest(null).Write(path);
        var text = string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("\"Max", StringComparison.Ordinal) && !l.Contains("StoppedByBudget", StringComparison.Ordinal)
            && !l.Contains("PowerWindows", StringComparison.Ordinal) && !l.Contains("BoardSettings", StringComparison.Ordinal)));
        File.WriteAllText(path, text.Replace("\"Chosen\": null,", "\"Chosen\": null", StringComparison.Ordinal));

        var read = SearchManifest.TryRead(path)!;
        Assert.Null(read.MaxLatencyMs);
        Assert.Null(read.MaxEvaluations);
        Assert.Null(read.PowerWindows);
        Assert.True(read.SameSearchAs(Manifest(null)));
    }
}
