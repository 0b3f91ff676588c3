using QSLM.Boards.Inventory;
using QSLM.Boards.Profiles;
using QSLM.Errors;
using QSLM.Harness.Qualification;

namespace QSLM.Harness.Tests.Qualification;

/// <summary>Which boards a qualification runs on, and their targets: the profile's under the file's under --tolerance.</summary>
public sealed class QualifyBoardsTests
{
    private static string Profiles => Path.Combine(RepositoryFiles.Root, FirmwareProfiles.FolderName);

    private static Bench Bench => BenchFile.Load(Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml"), Profiles);

    [Fact]
    public void Without_names_or_tags_every_board_of_the_bench_runs()
    {
        Assert.Equal(["local", "qemu-arm64"], QualifyBoards.Select(Bench, Profiles, [], []));
    }

    [Fact]
    public void A_tag_picks_the_boards_whose_profile_carries_it()
    {
        Assert.Equal(["qemu-arm64"], QualifyBoards.Select(Bench, Profiles, [], ["arm64"]));
        Assert.Equal(["local", "qemu-arm64"], QualifyBoards.Select(Bench, Profiles, [], ["x64", "emulated"]));
    }

    [Fact]
    public void An_unknown_board_or_a_tag_no_board_carries_is_bad_input()
    {
        Assert.Contains("unknown board 'orin'", Assert.Throws<InputException>(() => QualifyBoards.Select(Bench, Profiles, ["orin"], [])).Message, StringComparison.Ordinal);
        Assert.Contains("no board of", Assert.Throws<InputException>(() => QualifyBoards.Select(Bench, Profiles, [], ["jetson"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tolerance_option_sets_the_agreement_target_over_the_profile_and_the_file()
    {
        var file = QualificationFile.Parse("boards:\n  local:\n    agreement: 0.1\n    latency_p50_ms: 5\n", "/lab/targets.yaml");
        var profile = FirmwareProfiles.Load(Profiles, "local");

        Assert.Equal(new QualifyTargets(0.1, 5), QualifyBoards.Targets("local", profile, file, null));
        Assert.Equal(new QualifyTargets(0, 5), QualifyBoards.Targets("local", profile, file, 0));
        Assert.Equal(QualifyTargets.None, QualifyBoards.Targets("local", profile, null, null));
    }
}
