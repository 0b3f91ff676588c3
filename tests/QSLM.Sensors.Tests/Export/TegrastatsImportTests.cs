using QSLM.Sensors.Export;
using QSLM.Sensors.Tests.Jetson;

namespace QSLM.Sensors.Tests.Export;

/// <summary>tegrastats logs with damaged lines: every line is a sample with the true total or a counted skip.</summary>
public class TegrastatsImportTests
{
    [Theory]
    [MemberData(nameof(TegrastatsLines.WithTotals), MemberType = typeof(TegrastatsLines))]
    public void In_a_log_a_line_cut_at_its_end_at_any_offset_is_skipped_or_keeps_its_total(string line, double milliwatts)
    {
        for (var length = 1; length < line.Length; length++)
        {
            var result = LogImport.Import(LogFormat.Tegrastats, [line, line[..length], line], TimeSpan.FromSeconds(1));

            Assert.All(result.Readings, r => Assert.Equal(milliwatts / 1000, (double)r.Power.Watts, 9));
            Assert.Equal(3, result.Readings.Count + result.Skipped.Count);
        }
    }

    [Fact]
    public void Every_damaged_line_of_a_log_is_counted_as_skipped()
    {
        var random = new Random(17);
        var lines = new List<string>();
        var damaged = 0;
        for (var i = 0; i < 500; i++)
        {
            var line = TegrastatsLines.JetPack5;
            switch (random.Next(5))
            {
                case 0:
                    line = line[random.Next(21, line.Length)..]; // 20 would start the line at RAM, a whole line
                    damaged++;
                    break;
                case 1:
                    var at = random.Next(line.Length + 1);
                    line = line[..at] + "#" + line[at..];
                    damaged++;
                    break;
                case 2:
                    line = line.Replace("VDD_SOC 1441mW", "VDD_SOC -1441mW", StringComparison.Ordinal);
                    damaged++;
                    break;
            }
            lines.Add(line);
        }

        var result = LogImport.Import(LogFormat.Tegrastats, lines, TimeSpan.FromSeconds(1));

        Assert.All(result.Readings, r => Assert.Equal(4.788, (double)r.Power.Watts, 9));
        Assert.Equal(damaged, result.Skipped.Count);
        Assert.Equal(500 - damaged, result.Readings.Count);
    }

    [Fact]
    public void A_first_line_that_lost_its_last_rail_does_not_set_the_rails_of_the_log()
    {
        var line = TegrastatsLines.AgxOrin;
        var lostLastRail = line[..line.LastIndexOf(" NC ", StringComparison.Ordinal)];

        var result = LogImport.Import(LogFormat.Tegrastats, [lostLastRail, line, line, lostLastRail, line], TimeSpan.FromSeconds(1));

        Assert.Equal([1.0, 2.0, 4.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.All(result.Readings, r => Assert.Equal(5.826, (double)r.Power.Watts, 9));
        Assert.Equal([1, 4], result.Skipped.Select(s => s.LineNumber).Order());
        Assert.All(result.Skipped, s => Assert.Contains("a damaged line", s.Reason));
    }
}
