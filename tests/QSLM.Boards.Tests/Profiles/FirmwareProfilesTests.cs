using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Profiles;

public sealed class FirmwareProfilesTests
{
    private static string Folder => Path.Combine(RepositoryFiles.Root, FirmwareProfiles.FolderName);

    [Fact]
    public void Every_profile_in_the_repository_loads_with_a_tagged_idle_range_and_typed_settings_or_notes_saying_why_none()
    {
        var names = FirmwareProfiles.Names(Folder);
        Assert.Equal(["emulated-arm64", "jetson-nano", "jetson-orin-nano", "local", "rpi4-ina219", "rpi5", "simulated-jetson", "simulated-jetson-arm64"], names);
        foreach (var name in names)
        {
            var profile = FirmwareProfiles.Load(Folder, name);
            Assert.Equal(name, profile.Name);
            Assert.Contains(profile.RuntimeId, new[] { "linux-x64", "linux-arm64" });
            Assert.NotEmpty(profile.Sensors);
            // A board pins typed settings the agent reads back; a profile on a shared host pins none and says why in notes.
            if (name is "local" or "emulated-arm64" or "simulated-jetson" or "simulated-jetson-arm64") Assert.True(profile.Settings.IsEmpty && profile.Notes.Count > 0, name);
            else Assert.NotEmpty(profile.Settings.Requested());
            Assert.Null(profile.Settings.Problem());
            Assert.All(profile.Notes, n => Assert.False(string.IsNullOrWhiteSpace(n)));
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
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  - name: g\n    set: s\n    verify: v\n", 7, "settings must be a mapping")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  governor: performance\n  set: sudo reboot\n", 8, "unknown key 'set' (expected one of: nvpmodel, jetson_clocks, governor, min_freq_khz, max_freq_khz)")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  nvpmodel: MAXN\n", 7, "'nvpmodel' must be a whole number from 0")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  nvpmodel: -1\n", 7, "'nvpmodel' must be a whole number from 0")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  jetson_clocks: yes please\n", 7, "'jetson_clocks' must be on or off, not 'yes please'")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  governor: turbo\n", 7, "'governor' must be a cpufreq governor (performance, powersave")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  max_freq_khz: 1.5 GHz\n", 7, "'max_freq_khz' must be a whole number from 1")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nsettings:\n  min_freq_khz: 2000000\n  max_freq_khz: 1000000\n", 7, "min_freq_khz (2000000) is above max_freq_khz (1000000)")]
    [InlineData("profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\nnotes:\n  - {set: x}\n", 7, "each note must be a line of text")]
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
    public void Typed_settings_load_in_the_order_the_agent_applies_them_and_notes_stay_text()
    {
        var profile = FirmwareProfiles.Parse(
            "profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\n" +
            "settings:\n  max_freq_khz: 1510400\n  governor: performance\n  jetson_clocks: off\n  nvpmodel: 0x2\n  min_freq_khz: 729600\nnotes:\n  - \"nvpmodel -q; echo hi\"\n",
            "/lab/firmware-profiles/p.yaml");
        Assert.Equal(new BoardSettings(2, false, "performance", 729600, 1510400), profile.Settings);
        Assert.Equal(["nvpmodel=2", "jetson_clocks=off", "governor=performance", "min_freq_khz=729600", "max_freq_khz=1510400"], profile.Settings.Requested().Select(r => $"{r.Name}={r.Value}"));
        Assert.Equal(["nvpmodel -q; echo hi"], profile.Notes);
        Assert.Equal(new BoardSettings(0, true, "performance"), FirmwareProfiles.Load(Folder, "jetson-orin-nano").Settings);
        Assert.Equal(new BoardSettings(Governor: "performance", MaxFreqKhz: 1_500_000), FirmwareProfiles.Load(Folder, "rpi4-ina219").Settings);
    }

    [Fact]
    public void A_profile_whose_setting_holds_a_shell_command_is_refused_at_its_line_and_the_command_never_runs()
    {
        using var temp = new TemporaryFolder();
        var marker = temp.File("ran");
        var folder = temp.File(FirmwareProfiles.FolderName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "evil.yaml"),
            $"profile: evil\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {{min: 1, max: 2, source: estimated:x}}\nsettings:\n  governor: \"performance; touch {marker}\"\n");

        var e = Assert.Throws<InventoryException>(() => FirmwareProfiles.Load(folder, "evil"));
        Assert.Equal(7, e.Line);
        Assert.Contains("'governor' must be a cpufreq governor", e.Message, StringComparison.Ordinal);
        Assert.Contains($"not 'performance; touch {marker}'", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
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
