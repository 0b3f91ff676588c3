using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Writers;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Figures_are_linked_as_the_png_files_written_beside_the_markdown()
    {
        using var folder = new TemporaryFolder();
        var report = SampleReports.Claim();
        ReportSet.Write(report, folder.Path);
        var md = File.ReadAllText(folder.File(ReportSet.MarkdownFile));
        Assert.NotEmpty(report.Figures);
        foreach (var figure in report.Figures)
        {
            Assert.Contains($"]({figure.Name})", md, StringComparison.Ordinal);
            Assert.Equal(figure.Png, File.ReadAllBytes(folder.File(figure.Name)));
        }
    }

    [Fact]
    public void The_markdown_leads_with_the_verdict_and_holds_the_same_sections_as_the_page()
    {
        var md = MarkdownReportWriter.Render(SampleReports.Claim());
        var lines = md.Split('\n');
        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("**Verdict: supported", lines[2], StringComparison.Ordinal);
        foreach (var section in new[] { "## Provenance", "## Boards", "## Models", "## Checks (2 passed)", "## Claim", "## Measurement windows", "## Figures", "## Notes" })
            Assert.Contains(section, md, StringComparison.Ordinal);
        Assert.Contains("6.1 ± 0.12 W", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_the_run_s_text_is_escaped_and_a_pipe_never_breaks_a_table_row()
    {
        var report = SampleReports.Regress() with { Title = "a *b* [c](d)", Boards = [SampleReports.Board("pi|one")] };
        var md = MarkdownReportWriter.Render(report);
        Assert.Contains("# a \\*b\\* \\[c\\]\\(d\\)", md, StringComparison.Ordinal);
        Assert.Contains("pi\\|one", md, StringComparison.Ordinal);
        Assert.DoesNotContain("pi|one", md, StringComparison.Ordinal);
    }
}
