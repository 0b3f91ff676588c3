using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;

namespace QSLM.Boards.Tests.Profiles;

/// <summary>A profile's tags and qualify targets, and a qualification file's targets per profile and per board.</summary>
public sealed class QualifyTargetsTests
{
    private const string Head = "profile: p\ndescription: d\nruntime: linux-arm64\nmemory_for_model: 1 GB\nidle_watts: {min: 1, max: 2, source: estimated:x}\n";

    [Fact]
    public void A_profile_carries_its_tags_and_qualify_targets()
    {
        var profile = FirmwareProfiles.Parse(Head + "tags: [jetson, arm64]\nqualify:\n  agreement: exact\n  latency_p50_ms: 40\n  latency_p99_ms: 95.5\n  max_watts: 9\n  max_joules_per_token: 0.25\n",
            "/lab/firmware-profiles/p.yaml");

        Assert.Equal(["jetson", "arm64"], profile.Tags);
        Assert.True(profile.HasTag("arm64"));
        Assert.False(profile.HasTag("pi"));
        Assert.Equal(new QualifyTargets(0, 40, 95.5, 9, 0.25), profile.Qualify);
        Assert.Equal("exact", profile.Qualify!.AgreementText);
    }

    [Fact]
    public void A_profile_without_the_new_keys_has_no_tags_and_no_targets()
    {
        var profile = FirmwareProfiles.Parse(Head, "/lab/firmware-profiles/p.yaml");
        Assert.Empty(profile.Tags!);
        Assert.Null(profile.Qualify);
    }

    [Theory]
    [InlineData("qualify:\n  agreement: 0.02\n  max_wats: 9\n", 8, "unknown key 'max_wats' (expected one of: agreement, latency_p50_ms, latency_p99_ms, max_watts, max_joules_per_token)")]
    [InlineData("qualify:\n  agreement: close\n", 7, "'agreement' must be exact or a tolerance of 0 or more, not 'close'")]
    [InlineData("qualify:\n  latency_p99_ms: -3\n", 7, "'latency_p99_ms' must be a positive number")]
    [InlineData("tags: [ok, 'two words']\n", 6, "each tag must be a word")]
    [InlineData("tag: [jetson]\n", 6, "unknown key 'tag'")]
    public void A_bad_tag_or_target_is_refused_at_its_line(string tail, int line, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => FirmwareProfiles.Parse(Head + tail, "/lab/firmware-profiles/p.yaml"));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_target_overrides_its_profile_target_in_the_file_which_overrides_the_profile_own()
    {
        var profile = FirmwareProfiles.Parse(Head + "qualify:\n  agreement: exact\n  latency_p50_ms: 40\n  max_watts: 9\n", "/lab/firmware-profiles/p.yaml");
        var file = QualificationFile.Parse("profiles:\n  p:\n    latency_p50_ms: 30\n    latency_p99_ms: 80\nboards:\n  orin-1:\n    max_watts: 7.5\n", "/lab/targets.yaml");

        Assert.Equal(new QualifyTargets(0, 30, 80, 7.5, null), file.For("orin-1", profile));
        Assert.Equal(new QualifyTargets(0, 30, 80, 9, null), file.For("orin-2", profile));
        Assert.Equal(new QualifyTargets(null, null, null, 7.5, null), file.For("orin-1", null));
    }

    [Theory]
    [InlineData("profiles:\n  p:\n    agreement: exact\nboard:\n  x: {}\n", 4, "unknown key 'board' (expected one of: profiles, boards)")]
    [InlineData("boards:\n  orin-1:\n    max_watts: 9\n    memory: 1 GB\n", 4, "unknown key 'memory'")]
    [InlineData("boards:\n  orin-1: [9]\n", 2, "must be a mapping")]
    public void A_qualification_file_with_an_unknown_key_is_refused_at_its_line(string yaml, int line, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => QualificationFile.Parse(yaml, "/lab/targets.yaml"));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
