using QSLM.Boards.Failures;
using QSLM.Boards.Settings;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>Pinning a board's settings through the linux-x64 agent on a fake tree: each applied by the agent's own
/// operation, each read back, and a read-back other than requested fails the board naming the setting.</summary>
public sealed class BoardSettingsSessionTests
{
    [Fact]
    public async Task Power_mode_clocks_and_governor_are_applied_and_read_back_on_every_policy()
    {
        using var tree = new FakeBoardTree()
            .Policy(0, "schedutil", 115_200, 1_510_400, 1_510_400)
            .Policy(4, "schedutil", 115_200, 1_510_400, 1_510_400)
            .PowerMode(1).WithNvpmodel().WithJetsonClocks();
        await using var board = new LocalBoard(serveOptions: tree.ServeOptions);

        var applied = await board.Session.ApplySettingsAsync(new BoardSettings(NvpModel: 0, JetsonClocks: true, Governor: "performance"));

        Assert.Equal(["nvpmodel 0 (read back 0)", "jetson_clocks on (read back on)", "governor performance (read back performance)"], applied.Settings.Select(AppliedSettings.Describe));
        Assert.All(applied.Settings, s => Assert.True(s.Applied && s.Holds && s.Reason is null));
        Assert.Same(applied, board.Session.LastSettings);
        Assert.Equal("local", applied.Board);
        // The programs ran with the arguments the agent formatted, in the order that lets each later setting stand.
        Assert.Equal(["nvpmodel -m 0", "jetson_clocks "], File.ReadAllLines(tree.ProgramLog));
        Assert.Equal("performance\n", File.ReadAllText(tree.PolicyFile(4, "scaling_governor")));
        Assert.Equal("1510400\n", File.ReadAllText(tree.PolicyFile(0, "scaling_min_freq")));
        Assert.Empty(board.Session.Failures);
    }

    [Fact]
    public async Task A_setting_the_board_refuses_or_that_does_not_stick_fails_the_board_as_infrastructure_naming_it()
    {
        using var tree = new FakeBoardTree()
            .Policy(0, "schedutil", 400_000, 1_000_000, 1_500_000, available: "schedutil powersave");
        // The kernel accepts the write but keeps nothing: the write succeeds and the read-back decides.
        File.Delete(tree.PolicyFile(0, "scaling_max_freq"));
        File.CreateSymbolicLink(tree.PolicyFile(0, "scaling_max_freq"), "/dev/null");
        await using var board = new LocalBoard(serveOptions: tree.ServeOptions);

        var e = await Assert.ThrowsAsync<BoardFailureException>(() => board.Session.ApplySettingsAsync(new BoardSettings(Governor: "performance", MaxFreqKhz: 1_200_000)));

        Assert.Equal(FailureCodes.SettingMismatch, e.Code);
        Assert.Equal(FailureClass.Infrastructure, e.Class);
        Assert.Equal(BoardPhase.Settings, e.Phase);
        Assert.False(e.Transient);
        Assert.Contains("governor performance (read back schedutil; not applied: policy0 offers only the governors schedutil powersave)", e.Message, StringComparison.Ordinal);
        Assert.Contains("max_freq_khz 1200000 (read back nothing)", e.Message, StringComparison.Ordinal);
        Assert.Same(e, Assert.Single(board.Session.Failures));
        Assert.Equal(2, board.Session.LastSettings!.Mismatches().Count);
        Assert.Equal("schedutil\n", File.ReadAllText(tree.PolicyFile(0, "scaling_governor")));
        // The board failed, not the conversation: the agent still answers.
        Assert.NotNull(await board.Session.ReadSensorsAsync());
    }

    [Fact]
    public async Task Without_its_program_a_setting_is_not_applied_and_its_read_back_still_decides()
    {
        using var tree = new FakeBoardTree().PowerMode(0);
        await using var board = new LocalBoard(serveOptions: tree.ServeOptions);

        var held = Assert.Single((await board.Session.ApplySettingsAsync(new BoardSettings(NvpModel: 0))).Settings);
        Assert.True(held is { Applied: false, Holds: true, ReadBack: "0" });
        Assert.StartsWith("nvpmodel is not on the agent's program path", held.Reason, StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<BoardFailureException>(() => board.Session.ApplySettingsAsync(new BoardSettings(NvpModel: 2)));
        Assert.Equal(FailureCodes.SettingMismatch, e.Code);
        Assert.Contains("nvpmodel 2 (read back 0; not applied: nvpmodel is not on the agent's program path", e.Message, StringComparison.Ordinal);
    }
}
