using QSLM.Agent.Settings;
using QSLM.Agent.Tests.Serve;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Settings;

/// <summary>The agent's settings operations in process, on a fake cpufreq tree.</summary>
public sealed class BoardSettingsApplierTests
{
    private static string Policy(TemporaryFolder tree, int policy, string governor, long min, long max, long hardwareMax)
    {
        var folder = tree.File($"sys/devices/system/cpu/cpufreq/policy{policy}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "scaling_governor"), governor + "\n");
        File.WriteAllText(Path.Combine(folder, "scaling_min_freq"), $"{min}\n");
        File.WriteAllText(Path.Combine(folder, "scaling_max_freq"), $"{max}\n");
        File.WriteAllText(Path.Combine(folder, "cpuinfo_max_freq"), $"{hardwareMax}\n");
        return folder;
    }

    [Fact]
    public void Policies_that_disagree_read_back_as_each_policy_and_so_hold_no_single_value()
    {
        using var tree = new TemporaryFolder();
        Policy(tree, 4, "schedutil", 100, 200, 300);
        Policy(tree, 0, "performance", 300, 300, 300);
        var applier = new BoardSettingsApplier(tree.Path, []);

        Assert.Equal("policy0=performance policy4=schedutil", applier.ReadBack(BoardSettings.GovernorName));
        // jetson_clocks is on only when every policy sits at its hardware maximum.
        Assert.Equal("off", applier.ReadBack(BoardSettings.JetsonClocksName));
        Assert.Null(new BoardSettingsApplier(tree.File("empty"), []).ReadBack(BoardSettings.GovernorName));
    }

    [Fact]
    public void A_minimum_above_the_present_maximum_is_reached_by_raising_the_requested_maximum_first()
    {
        using var tree = new TemporaryFolder();
        var policy = Policy(tree, 0, "ondemand", 600_000, 1_000_000, 2_400_000);
        var report = new BoardSettingsApplier(tree.Path, []).Apply(new BoardSettings(MinFreqKhz: 2_000_000, MaxFreqKhz: 2_200_000));

        Assert.All(report.Settings, s => Assert.True(s.Applied && s.Holds, s.ToString()));
        Assert.Equal("2000000", File.ReadAllText(Path.Combine(policy, "scaling_min_freq")).Trim());
        Assert.Equal("2200000", File.ReadAllText(Path.Combine(policy, "scaling_max_freq")).Trim());
    }

    [Fact]
    public void A_board_without_cpufreq_reports_the_setting_not_applied_with_where_it_looked()
    {
        using var tree = new TemporaryFolder();
        var outcome = Assert.Single(new BoardSettingsApplier(tree.Path, []).Apply(new BoardSettings(Governor: "performance")).Settings);
        Assert.False(outcome.Applied);
        Assert.Null(outcome.ReadBack);
        Assert.Equal($"no cpufreq policy under {tree.File("sys/devices/system/cpu/cpufreq")}", outcome.Reason);
    }

    [Fact]
    public async Task A_governor_that_is_not_a_known_name_is_refused_as_a_bad_request_and_nothing_is_written()
    {
        using var tree = new TemporaryFolder();
        var policy = Policy(tree, 0, "ondemand", 1, 2, 3);
        var marker = tree.File("ran");
        var applier = new BoardSettingsApplier(tree.Path, []);

        var e = Assert.Throws<ProtocolException>(() => applier.Apply(new BoardSettings(Governor: $"performance; touch {marker}")));
        Assert.Equal(ErrorCodes.BadRequest, e.Code);
        Assert.Equal("ondemand\n", File.ReadAllText(Path.Combine(policy, "scaling_governor")));

        // Over the wire the agent answers with an error and serves on.
        var reply = Assert.IsType<ErrorReply>(await new ScriptedAgent(tree.File("agent")).AskAsync(new ApplySettings(new BoardSettings(Governor: $"x; touch {marker}"))));
        Assert.Equal(ErrorCodes.BadRequest, reply.Code);
        Assert.StartsWith("governor must be one of performance", reply.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("pmode:0002 fmode:quiet\n", "2")]
    [InlineData("pmode:0000\n", "0")]
    [InlineData("fmode:quiet\n", null)]
    public void The_power_mode_is_read_from_nvpmodels_status_file(string status, string? mode)
    {
        using var tree = new TemporaryFolder();
        Directory.CreateDirectory(tree.File("var/lib/nvpmodel"));
        File.WriteAllText(tree.File(NvpmodelStatus.RelativePath), status);
        Assert.Equal(mode, NvpmodelStatus.Read(tree.Path));
    }
}
