using QSLM.Sensors.Board.Jetson;

namespace QSLM.Sensors.Tests.Jetson;

public class TegrastatsParserTests
{
    private const string JetPack4 =
        "RAM 2146/3964MB (lfb 125x4MB) SWAP 0/1982MB (cached 0MB) IRAM 0/252kB(lfb 252kB) CPU [12%@1479,5%@1479,8%@1479,3%@1479] " +
        "EMC_FREQ 0% GR3D_FREQ 0% PLL@29C CPU@32C PMIC@100C GPU@30.5C AO@38.5C thermal@31.25C POM_5V_IN 4122/3107 POM_5V_GPU 0/0 POM_5V_CPU 411/284";

    private const string JetPack5 =
        "11-27-2026 15:00:01 RAM 2150/7620MB (lfb 1247x4MB) SWAP 0/3810MB (cached 0MB) CPU [2%@729,1%@729,0%@729,0%@729,off,off] " +
        "EMC_FREQ 0%@2133 GR3D_FREQ 0%@[305] VIC_FREQ 729 APE 200 CV0@45.3C CPU@47.5C SOC2@46.2C GPU@45.2C tj@47.5C " +
        "VDD_IN 4788mW/4788mW VDD_CPU_GPU_CV 481mW/481mW VDD_SOC 1441mW/1441mW";

    private const string JetPack7 =
        "11-27-2026 15:00:02 RAM 9120/125772MB CPU [1%@972,0%@972] GR3D_FREQ 0% cpu@40.1C tj@42C " +
        "VDD_GPU_SOC 5139mW/5139mW/5139mW VDD_CPU_SOC_MSS 2210mW/2100mW/2400mW";

    [Fact]
    public void JetPack_4_lines_have_unitless_milliwatts_and_POM_5V_IN_is_the_total()
    {
        var (sample, reason) = TegrastatsParser.Parse(JetPack4);

        Assert.Null(reason);
        Assert.Equal(TegrastatsFormat.JetPack4, sample!.Format);
        Assert.Null(sample.WallClock);
        Assert.Equal(["POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU"], sample.Rails.Select(r => r.Name));
        Assert.Equal(4122, sample.Rails[0].Milliwatts);
        Assert.Equal(3107, sample.Rails[0].AverageMilliwatts);
        Assert.Equal((4122.0, "POM_5V_IN"), sample.Total());
    }

    [Fact]
    public void JetPack_5_and_6_lines_have_mW_and_VDD_IN_is_the_total()
    {
        var (sample, reason) = TegrastatsParser.Parse(JetPack5);

        Assert.Null(reason);
        Assert.Equal(TegrastatsFormat.JetPack5, sample!.Format);
        Assert.Equal(new DateTime(2026, 11, 27, 15, 0, 1), sample.WallClock);
        Assert.Equal(3, sample.Rails.Count);
        Assert.Equal((4788.0, "VDD_IN"), sample.Total());
    }

    [Fact]
    public void JetPack_7_lines_have_three_values_and_no_total_rail_means_the_sum()
    {
        var (sample, reason) = TegrastatsParser.Parse(JetPack7);

        Assert.Null(reason);
        Assert.Equal(TegrastatsFormat.JetPack7, sample!.Format);
        Assert.Equal(2100, sample.Rails[1].AverageMilliwatts);
        Assert.Equal((5139.0 + 2210.0, "sum(VDD_GPU_SOC+VDD_CPU_SOC_MSS)"), sample.Total());
    }

    [Fact]
    public void A_profile_rail_overrides_the_rule() =>
        Assert.Equal((1441.0, "VDD_SOC"), TegrastatsParser.Parse(JetPack5).Sample!.Total("VDD_SOC"));

    [Theory]
    [InlineData("RAM 2146/3964MB (lfb 125x4MB) CPU [12%@1479]", "no power rails")]
    [InlineData("VDD_IN 4788mW/", "is not N/N")]
    [InlineData("VDD_IN 47x8mW/4788mW", "is not N/N")]
    [InlineData("VDD_IN 4788mW/4788", "is not N/N")]
    [InlineData("POM_5V_IN 4122/3107/3000", "is not N/N")]
    [InlineData("VDD_IN 4788mW/4788mW POM_5V_GPU 0/0", "earlier rails")]
    [InlineData("garbage", "no power rails")]
    public void Malformed_lines_are_skipped_with_a_reason(string line, string reason)
    {
        var (sample, why) = TegrastatsParser.Parse(line);
        Assert.Null(sample);
        Assert.Contains(reason, why);
    }

    [Fact]
    public void A_log_counts_its_skipped_lines_and_keeps_the_rest()
    {
        var log = TegrastatsParser.ParseLog([JetPack5, "", "VDD_IN 47", JetPack5.Replace("4788mW/4788mW", "5000mW/4800mW"), "truncated VDD_IN 4788mW/47"]);

        Assert.Equal(2, log.Items.Count);
        Assert.Equal(5000, log.Items[1].Rails[0].Milliwatts);
        Assert.Equal([3, 5], log.Skipped.Select(s => s.LineNumber));
    }
}
