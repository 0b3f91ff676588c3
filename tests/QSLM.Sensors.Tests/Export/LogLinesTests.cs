using QSLM.Sensors.Export;

namespace QSLM.Sensors.Tests.Export;

public class LogLinesTests
{
    [Fact]
    public void Lines_are_numbered_across_every_line_end_and_a_last_line_without_one()
    {
        var lines = LogLines.Read(new StringReader("a\r\nb\n\nc\rd"), "log").ToList();

        Assert.Equal(["a", "b", "", "c", "d"], lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4, 5], lines.Select(l => l.Number));
    }

    [Fact]
    public void A_line_longer_than_the_limit_keeps_only_its_start_and_is_marked()
    {
        var lines = LogLines.Read(new StringReader(new string('x', 1_000_000) + "\nnext\n"), "log").ToList();

        Assert.True(lines[0].IsTooLong);
        Assert.Equal(LogLines.MaxChars, lines[0].Text.Length);
        Assert.Equal(new LogLine(2, "next"), lines[1]);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_skipped_and_counted_by_an_import()
    {
        var log = "RAM 1/2MB VDD_IN 4788mW/4788mW\n" + new string('7', 100_000) + "\nRAM 1/2MB VDD_IN 4788mW/4788mW\n";

        var summary = LogImport.Import(LogFormat.Tegrastats, new StringReader(log), "log", new StringWriter(), TimeSpan.FromSeconds(1));

        Assert.Equal(2, summary.Samples);
        Assert.Equal(1, summary.SkippedLines);
        Assert.Contains("longer than", summary.FirstSkipped[0].Reason);
    }
}
