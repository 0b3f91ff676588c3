using QSLM.Sensors.Export;
using QSLM.Sensors.Tests.RaspberryPi;

namespace QSLM.Sensors.Tests.Export;

/// <summary>Logs of repeated <c>pmic_read_adc</c> outputs with damage: a reading is used whole, with its true total, or all its lines are counted as skipped.</summary>
public class PmicImportTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static void AssertEveryReadingIsWholeAndEveryLineCounted(ImportResult result, int lineCount)
    {
        foreach (var r in result.Readings)
            Assert.Equal(Pi5PmicOutput.Total((int)r.Timestamp.TotalSeconds), (double)r.Power.Watts, 9);
        Assert.Equal(lineCount, (result.Readings.Count * Pi5PmicOutput.LineCount) + result.Skipped.Count);
    }

    [Fact]
    public void Whole_outputs_each_give_their_total_and_tick()
    {
        var result = LogImport.Import(LogFormat.Pmic, Pi5PmicOutput.Log(4), Interval);

        Assert.Empty(result.Skipped);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        AssertEveryReadingIsWholeAndEveryLineCounted(result, 4 * Pi5PmicOutput.LineCount);
        Assert.Equal(12, result.Readings[0].Rails.Count);
    }

    [Fact]
    public void A_line_truncated_at_any_offset_skips_its_whole_output_never_a_partial_total()
    {
        var lines = Pi5PmicOutput.Log(4);
        var first = Pi5PmicOutput.LineCount; // reading 1
        for (var j = first; j < first + Pi5PmicOutput.LineCount; j++)
        {
            var whole = lines[j];
            for (var length = 1; length < whole.TrimEnd().Length; length++)
            {
                var damaged = new List<string>(lines) { [j] = whole[..length] };
                if (string.IsNullOrWhiteSpace(damaged[j])) continue;

                var result = LogImport.Import(LogFormat.Pmic, damaged, Interval);

                Assert.DoesNotContain(result.Readings, r => r.Timestamp == TimeSpan.FromSeconds(1));
                AssertEveryReadingIsWholeAndEveryLineCounted(result, lines.Count);
                Assert.Contains(result.Readings, r => r.Timestamp == TimeSpan.FromSeconds(3));
            }
        }
    }

    [Fact]
    public void A_line_cut_at_its_start_at_any_offset_skips_its_whole_output()
    {
        var lines = Pi5PmicOutput.Log(4);
        var first = Pi5PmicOutput.LineCount * 2; // reading 2
        for (var j = first; j < first + Pi5PmicOutput.LineCount; j++)
        {
            var whole = lines[j];
            for (var offset = whole.Length - whole.TrimStart().Length + 1; offset < whole.Length; offset++)
            {
                var damaged = new List<string>(lines) { [j] = whole[offset..] };

                var result = LogImport.Import(LogFormat.Pmic, damaged, Interval);

                Assert.DoesNotContain(result.Readings, r => r.Timestamp == TimeSpan.FromSeconds(2));
                AssertEveryReadingIsWholeAndEveryLineCounted(result, lines.Count);
            }
        }
    }

    [Fact]
    public void The_truncated_VDD_CORE_current_skips_the_output_that_would_read_without_its_core()
    {
        var lines = Pi5PmicOutput.Log(3);
        var core = Pi5PmicOutput.LineCount + 7;
        lines[core] = lines[core][..^4];

        var result = LogImport.Import(LogFormat.Pmic, lines, Interval);

        Assert.Equal([0.0, 2.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.Equal(Pi5PmicOutput.LineCount, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.LineNumber == core + 1 && s.Reason.StartsWith("not 'NAME_A", StringComparison.Ordinal));
        Assert.All(result.Skipped.Where(s => s.LineNumber != core + 1), s => Assert.Contains("skipped whole", s.Reason));
    }

    [Fact]
    public void An_output_that_lost_a_line_is_skipped()
    {
        var lines = Pi5PmicOutput.Log(4);
        lines.RemoveAt((2 * Pi5PmicOutput.LineCount) + 19); // reading 2's VDD_CORE voltage

        var result = LogImport.Import(LogFormat.Pmic, lines, Interval);

        Assert.Equal([0.0, 1.0, 3.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        AssertEveryReadingIsWholeAndEveryLineCounted(result, lines.Count);
    }

    [Fact]
    public void A_log_that_starts_in_the_middle_of_an_output_skips_that_part()
    {
        var lines = Pi5PmicOutput.Log(3);
        lines.RemoveRange(0, 5);

        var result = LogImport.Import(LogFormat.Pmic, lines, Interval);

        Assert.Equal(2, result.Readings.Count);
        Assert.Equal(Pi5PmicOutput.LineCount - 5, result.Skipped.Count);
        Assert.All(result.Readings.Zip([1, 2]), p => Assert.Equal(Pi5PmicOutput.Total(p.Second), (double)p.First.Power.Watts, 9));
    }

    [Theory]
    [InlineData("      VDD_CORE_A current(7)=-0.76000000A", "negative")]
    [InlineData("      VDD_CORE_A current(7)=1e308A", "ceiling")]
    [InlineData("      VDD_CORE_V volt(15)=9223372036854775807V", "ceiling")]
    [InlineData("      VDD_CORE_V volt(15)=0.72#417000V", "not 'NAME_A")]
    public void A_negative_absurd_or_spliced_value_skips_its_output(string bad, string reason)
    {
        var lines = Pi5PmicOutput.Log(3);
        var at = Pi5PmicOutput.LineCount + (bad.Contains("current", StringComparison.Ordinal) ? 7 : 19);
        lines[at] = bad;

        var result = LogImport.Import(LogFormat.Pmic, lines, Interval);

        Assert.Equal([0.0, 2.0], result.Readings.Select(r => r.Timestamp.TotalSeconds));
        Assert.Contains(reason, Assert.Single(result.Skipped, s => s.LineNumber == at + 1).Reason);
        AssertEveryReadingIsWholeAndEveryLineCounted(result, lines.Count);
    }
}
