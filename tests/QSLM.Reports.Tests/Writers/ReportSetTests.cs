using System.Text.Json;
using QSLM.Reports.Document;
using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Writers;

public sealed class ReportSetTests
{
    [Fact]
    public void The_json_report_states_its_schema_version_and_verdict()
    {
        using var folder = new TemporaryFolder();
        var report = new RunReport
        {
            Kind = "claim",
            Title = "int8 against fp32 on pi",
            Verdict = "supported",
            Status = CheckStatus.Passed,
            Provenance = new ReportProvenance("1.0.0", "abc", "ana", "host", "qslm claim", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(3), "10 s x 5"),
        };
        ReportSet.Write(report, folder.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File(ReportSet.JsonFile)));
        Assert.Equal(RunReport.CurrentSchemaVersion, json.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal("supported", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("passed", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void The_four_forms_and_every_figure_are_written_together()
    {
        using var folder = new TemporaryFolder();
        var report = SampleReports.Search();
        var written = ReportSet.Write(report, folder.Path);
        Assert.Equal([ReportSet.HtmlFile, ReportSet.MarkdownFile, ReportSet.JsonFile, ReportSet.JUnitFile, .. report.Figures.Select(f => f.Name)], written.Select(Path.GetFileName));
        Assert.All(written, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void The_json_references_each_figure_s_file_instead_of_inlining_its_png()
    {
        using var folder = new TemporaryFolder();
        var report = SampleReports.Claim();
        ReportSet.Write(report, folder.Path);
        var text = File.ReadAllText(folder.File(ReportSet.JsonFile));
        using var json = JsonDocument.Parse(text);
        var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(report.Figures.Select(f => f.Name), figures.Select(f => f.GetProperty("file").GetString()));
        Assert.All(figures, f => Assert.False(f.TryGetProperty("png", out _)));
        Assert.DoesNotContain(Convert.ToBase64String(report.Figures[0].Png)[..64], text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_named_with_a_folder_is_refused_before_anything_is_written()
    {
        using var folder = new TemporaryFolder();
        var report = SampleReports.Regress() with { Figures = [new ReportFigure("../escape.png", "x", [1])] };
        Assert.Throws<ArgumentException>(() => ReportSet.Write(report, folder.File("out")));
        Assert.False(Directory.Exists(folder.File("out")));
    }
}
