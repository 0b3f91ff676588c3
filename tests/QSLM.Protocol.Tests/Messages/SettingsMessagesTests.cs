using System.Text;
using QSLM.Protocol.Framing;
using QSLM.Protocol.Messages;

namespace QSLM.Protocol.Tests.Messages;

public sealed class SettingsMessagesTests
{
    [Fact]
    public void Apply_settings_travels_typed_and_leaves_out_what_is_not_set()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new ApplySettings(new BoardSettings(NvpModel: 0, JetsonClocks: true, Governor: "performance"))));
        Assert.Equal("{\"type\":\"apply-settings\",\"settings\":{\"nvpModel\":0,\"jetsonClocks\":true,\"governor\":\"performance\"}}", json);
        var decoded = Assert.IsType<ApplySettings>(MessageCodec.Decode(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(new BoardSettings(0, true, "performance"), decoded.Settings);
    }

    [Fact]
    public void A_settings_report_survives_a_round_trip_without_its_derived_members()
    {
        var report = new SettingsReport([
            new SettingOutcome("governor", "performance", true, "performance"),
            new SettingOutcome("nvpmodel", "2", false, "0", "nvpmodel exited 1: permission denied"),
            new SettingOutcome("max_freq_khz", "1500000", true),
        ]);
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(report));
        Assert.StartsWith("{\"type\":\"settings-report\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("holds", json, StringComparison.OrdinalIgnoreCase);
        var decoded = Assert.IsType<SettingsReport>(MessageCodec.Decode(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(report.Settings, decoded.Settings);
        Assert.Equal([true, false, false], decoded.Settings.Select(s => s.Holds));
    }

    [Theory]
    [InlineData(null, null, "performance; reboot", null, null, "governor must be one of")]
    [InlineData(-1, null, null, null, null, "nvpmodel must be a whole number from 0")]
    [InlineData(null, null, null, 0L, null, "min_freq_khz must be a positive whole number")]
    [InlineData(null, null, null, 2000L, 1000L, "min_freq_khz (2000) is above max_freq_khz (1000)")]
    public void Settings_that_cannot_be_asked_for_say_why(int? mode, bool? clocks, string? governor, long? min, long? max, string problem)
    {
        Assert.StartsWith(problem, new BoardSettings(mode, clocks, governor, min, max).Problem(), StringComparison.Ordinal);
        Assert.Null(new BoardSettings(0, false, "schedutil", 100, 100).Problem());
    }
}
