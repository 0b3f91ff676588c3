using QSLM.Sensors.Board.Jetson;

namespace QSLM.Sensors.Tests.Jetson;

/// <summary>Damaged tegrastats lines: each is read whole with its true total, or skipped with a reason, never read with another total.</summary>
public class TegrastatsDamageTests
{
    private static readonly string[] Junk = ["#", "garbage", "~x~", "[junk]", "-- MARK --", "\u0000", "ÿþ", "?!", "\"", "a;b", "@@", "%", "Xx"];

    [Theory]
    [MemberData(nameof(TegrastatsLines.WithTotals), MemberType = typeof(TegrastatsLines))]
    public void A_whole_line_gives_its_board_total(string line, double milliwatts) =>
        Assert.Equal(milliwatts, TegrastatsParser.Parse(line).Sample!.Total().Milliwatts);

    [Theory]
    [MemberData(nameof(TegrastatsLines.WithTotals), MemberType = typeof(TegrastatsLines))]
    public void A_line_cut_at_its_start_at_any_offset_is_skipped_or_keeps_its_total(string line, double milliwatts)
    {
        for (var offset = 1; offset < line.Length; offset++)
        {
            var cut = line[offset..];
            var (sample, reason) = TegrastatsParser.Parse(cut);
            if (sample is null) Assert.False(string.IsNullOrEmpty(reason));
            else Assert.True(sample.Total().Milliwatts == milliwatts, $"'{cut}' read as {sample.Total().Milliwatts} mW, not {milliwatts} mW");
        }
    }

    [Fact]
    public void A_JetPack_5_line_beginning_mid_way_at_IN_is_skipped_not_read_as_a_rail_named_IN()
    {
        var cut = TegrastatsLines.JetPack5[TegrastatsLines.JetPack5.IndexOf("IN 4788mW", StringComparison.Ordinal)..];

        var (sample, reason) = TegrastatsParser.Parse(cut);

        Assert.Null(sample);
        Assert.Contains("not a whole tegrastats line", reason);
    }

    [Theory]
    [MemberData(nameof(TegrastatsLines.WithTotals), MemberType = typeof(TegrastatsLines))]
    public void Junk_spliced_in_at_seeded_positions_is_skipped_or_keeps_the_total(string line, double milliwatts)
    {
        var random = new Random(line.Length);
        for (var i = 0; i < 300; i++)
        {
            var at = random.Next(line.Length + 1);
            var spliced = line[..at] + Junk[random.Next(Junk.Length)] + line[at..];
            var (sample, _) = TegrastatsParser.Parse(spliced);
            if (sample is not null) Assert.True(sample.Total().Milliwatts == milliwatts, $"'{spliced}' read as {sample.Total().Milliwatts} mW, not {milliwatts} mW");
        }
    }

    [Fact]
    public void Junk_spliced_into_a_rail_name_is_skipped_not_summed_without_the_total_rail()
    {
        var spliced = TegrastatsLines.JetPack5.Replace("VDD_IN ", "VDD_#IN ", StringComparison.Ordinal);

        var (sample, reason) = TegrastatsParser.Parse(spliced);

        Assert.Null(sample);
        Assert.Contains("not a whole tegrastats line", reason);
    }

    [Theory]
    [InlineData("VDD_IN 4788mW/4788mW", "VDD_IN -4788mW/4788mW", "negative")]
    [InlineData("VDD_IN 4788mW/4788mW", "VDD_IN 4788mW/-1mW", "negative")]
    [InlineData("POM_5V_IN 4122/3107", "POM_5V_IN -4122/3107", "negative")]
    [InlineData("VDD_IN 4788mW/4788mW", "VDD_IN 9223372036854775807mW/4788mW", "above the 200 W ceiling")]
    [InlineData("VDD_IN 4788mW/4788mW", "VDD_IN 200001mW/4788mW", "above the 200 W ceiling")]
    [InlineData("POM_5V_IN 4122/3107", "POM_5V_IN 4122/9223372036854775807", "above the 200 W ceiling")]
    [InlineData("VDD_IN 4788mW/4788mW", "VDD_IN 99999999999999999999mW/4788mW", "is not N/N")]
    public void A_negative_or_absurd_rail_is_skipped_with_the_reason(string whole, string damaged, string reason)
    {
        var line = new[] { TegrastatsLines.JetPack5, TegrastatsLines.JetPack4 }.Single(l => l.Contains(whole, StringComparison.Ordinal)).Replace(whole, damaged, StringComparison.Ordinal);

        var (sample, why) = TegrastatsParser.Parse(line);

        Assert.Null(sample);
        Assert.Contains(reason, why);
    }

    [Fact]
    public void A_rail_at_the_ceiling_is_read()
    {
        var line = TegrastatsLines.JetPack5.Replace("VDD_IN 4788mW/4788mW", "VDD_IN 200000mW/4788mW", StringComparison.Ordinal);
        Assert.Equal(200_000, TegrastatsParser.Parse(line).Sample!.Total().Milliwatts);
    }
}
