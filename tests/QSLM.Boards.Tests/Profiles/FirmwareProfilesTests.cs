using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;

namespace QSLM.Boards.Tests.Profiles;

public sealed class FirmwareProfilesTests
{
    private static string Folder => Path.Combine(RepositoryFiles.Root, FirmwareProfiles.FolderName);

    [Fact]
    public void Every_profile_in_the_repository_loads_with_a_tagged_idle_range_and_verifiable_settings()
    {
        var names = FirmwareProfiles.Names(Folder);
        Assert.Equal(["emulated-arm64", "jetson-nano", "jetson-orin-nano", "local", "rpi4-ina219", "rpi5"], names);
        foreach (var name in names)
        {
            var profile = FirmwareProfiles.Load(Folder, name);
            Assert.Equal(name, profile.Name);
            Assert.Contains(profile.RuntimeId, new[] { "linux-x64", "linux-arm64" });
            Assert.NotEmpty(profile.Sensors);
            Assert.NotEmpty(profile.Settings);
            Assert.All(profile.Settings, s => Assert.False(string.IsNullOrWhiteSpace(s.Verify)));
            Assert.Matches("^(measured|simulated|estimated):", profile.IdleWattsRange.Source);
        }
    }

    [Fact]
    public void The_jetson_profiles_name_their_board_total_rail()
    {
        Assert.Equal("POM_5V_IN", FirmwareProfiles.Load(Folder, "jetson-nano").Sensors[0].BoardTotal);
        Assert.Equal("VDD_IN", FirmwareProfiles.Load(Folder, "jetson-orin-nano").Sensors[0].BoardTotal);
        Assert.Equal("pmic", FirmwareProfiles.Load(Folder, "rpi5").Sensors[0].Spec);
        Assert.StartsWith("ina219:1:0x40", FirmwareProfiles.Load(Folder, "rpi4-ina219").Sensors[0].Spec, StringComparison.Ordinal);
        Assert.Null(FirmwareProfiles.Load(Folder, "local").MemoryBytes);
        Assert.Equal(3_200_000_000, FirmwareProfiles.Load(Folder, "rpi4-ina219").MemoryBytes);
    }

    [Fact]
    public void An_unknown_profile_is_refused_listing_the_known_ones()
    {
        var e = Assert.Throws<UnknownProfileException>(() => FirmwareProfiles.Load(Folder, "pdp-11"));
        Assert.Contains("unknown firmware profile 'pdp-11'", e.Message, StringComparison.Ordinal);
        Assert.Contains("jetson-nano, jetson-orin-nano, local", e.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownProfileException>(() => FirmwareProfiles.Load(Folder, "../hardware/local"));
    }

    [Theory]
    [InlineData("profile: p\nruntime: linux-arm64\n  bad: indent\n", 3, "")]
    [InlineData("profile: p\ndescription: d\nruntime: vax\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\n", 3, "runtime must be one of")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: lots\nidle_watts: {min: 1, max: 2, source: estimated:x}\n", 4, "memory_for_model must be")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts:\n  min: 1\n  max: 2\n  source: guessed\n", 8, "source must be measured:")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  - name: g\n    set: s\n    verify: v\n", 7, "'expect' is required")]
    [InlineData("profile: q\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\n", 1, "its file is p.yaml")]
    [InlineData("profile: p\ncolour: red\n", 2, "unknown key 'colour'")]
    public void A_malformed_profile_is_refused_with_its_line_and_column(string yaml, int line, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => FirmwareProfiles.Parse(yaml, "/lab/firmware-profiles/p.yaml"));
        Assert.Equal(line, e.Line);
        Assert.True(e.Column >= 1);
        Assert.StartsWith($"/lab/firmware-profiles/p.yaml:{line}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_board_naming_an_unknown_profile_is_refused_at_the_profile_value()
    {
        var yaml = "bench: x\nboards:\n  - name: a\n    link: local\n    profile: pdp-11\n";
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(yaml, "/lab/bench.yaml", Folder));
        Assert.Equal(5, e.Line);
        Assert.Equal(14, e.Column);
        Assert.Contains("unknown firmware profile 'pdp-11'", e.Message, StringComparison.Ordinal);
        Assert.Contains("rpi5", e.Message, StringComparison.Ordinal);
        Assert.Equal("local", BenchFile.Parse(yaml.Replace("pdp-11", "local", StringComparison.Ordinal), "/lab/bench.yaml", Folder).Boards[0].Profile);
    }
}
