using QSLM.Boards.Checks;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Local;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Checks;

public sealed class BoardCheckSettingsTests
{
    [Fact]
    public async Task A_check_pins_each_boards_settings_and_shows_them_read_back_and_a_mismatch_fails_only_that_board()
    {
        using var temp = new TemporaryFolder();
        using var good = new FakeBoardTree().Policy(0, "schedutil", 600_000, 1_800_000, 2_400_000);
        using var stuck = new FakeBoardTree().Policy(0, "ondemand", 600_000, 1_800_000, 2_400_000, available: "ondemand");
        BoardSession Board(string name, FakeBoardTree tree) =>
            new(name, new LocalProcessTransport(BuiltAgent.Launch, temp.File(name), tree.ServeOptions), LocalBoard.FastRetries);
        BoardSession[] boards = [Board("pinned", good), Board("refused", stuck), Board("untouched", stuck)];
        var settings = new BoardSettings(Governor: "performance", MaxFreqKhz: 2_400_000);
        try
        {
            var reports = await BoardCheck.RunAsync(boards, new Dictionary<string, BoardSettings> { ["pinned"] = settings, ["refused"] = settings });

            var all = string.Join("\n", reports.Select(r => r.Describe())); // shown if an assertion below fails
            Assert.True(reports[0] is { Failure: null, State: BoardState.AgentReady }, all);
            Assert.EndsWith("; settings governor performance (read back performance), max_freq_khz 2400000 (read back 2400000)", reports[0].Describe(), StringComparison.Ordinal);
            Assert.Equal(FailureCodes.SettingMismatch, reports[1].Failure?.Code);
            Assert.NotNull(reports[1].Sensors);
            Assert.Contains("; settings governor performance (read back ondemand; not applied: policy0 offers only the governors ondemand), max_freq_khz 2400000 (read back 2400000); infrastructure failure setting-mismatch: ", reports[1].Describe(), StringComparison.Ordinal);
            Assert.True(reports[2] is { Failure: null, Settings: null }, all);
            Assert.DoesNotContain("settings", reports[2].Describe(), StringComparison.Ordinal);
            Assert.Equal("ondemand\n", File.ReadAllText(stuck.PolicyFile(0, "scaling_governor")));
        }
        finally
        {
            foreach (var b in boards) await b.DisposeAsync();
        }
    }
}
