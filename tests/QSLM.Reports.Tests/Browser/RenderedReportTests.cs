using QSLM.Reports.Document;
using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Browser;

/// <summary>Each kind of report, written to disk and opened from its file in headless chromium.</summary>
public sealed class RenderedReportTests(Chromium chromium) : IClassFixture<Chromium>, IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-report-browser-");

    public static TheoryData<string> Kinds => ["claim", "qualify", "regress", "search"];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_verdict_is_visible_every_image_loads_and_the_browser_reports_no_error(string kind)
    {
        var report = Sample(kind);
        ReportSet.Write(report, _temp.Path);
        await using var rendered = await RenderedPage.OpenAsync(chromium.Browser, _temp.File(ReportSet.HtmlFile));

        var verdict = await rendered.Page.QuerySelectorAsync("#verdict");
        Assert.NotNull(verdict);
        Assert.True(await verdict.IsVisibleAsync(), "#verdict is not visible");
        Assert.Equal(report.Verdict, await rendered.Page.EvaluateExpressionAsync<string>("document.getElementById('verdict').innerText"));
        // The verdict leads the page: nothing rendered above it.
        Assert.True(await rendered.Page.EvaluateExpressionAsync<bool>("document.getElementById('verdict').getBoundingClientRect().top < document.querySelector('h1').getBoundingClientRect().top"));

        var images = await rendered.Page.EvaluateExpressionAsync<ImageState[]>(
            "Array.from(document.images).map(i => ({ alt: i.alt, complete: i.complete, naturalWidth: i.naturalWidth }))");
        Assert.Equal(report.Figures.Count, images.Length);
        Assert.All(images, i => Assert.True(i.Complete && i.NaturalWidth > 0, $"image '{i.Alt}' did not load"));
        Assert.Empty(rendered.Problems);
    }

    [Fact]
    public async Task The_verdict_is_coloured_by_the_run_s_status()
    {
        var colours = new Dictionary<CheckStatus, string>();
        foreach (var status in new[] { CheckStatus.Passed, CheckStatus.Failed, CheckStatus.Error, CheckStatus.NotRun })
        {
            var folder = _temp.File(status.ToString());
            ReportSet.Write(SampleReports.Regress() with { Status = status }, folder);
            await using var rendered = await RenderedPage.OpenAsync(chromium.Browser, Path.Combine(folder, ReportSet.HtmlFile));
            colours[status] = await rendered.Page.EvaluateExpressionAsync<string>("getComputedStyle(document.getElementById('verdict')).backgroundColor");
        }
        Assert.Equal(4, colours.Values.Distinct().Count());
        Assert.Equal("rgb(30, 123, 52)", colours[CheckStatus.Passed]);
        Assert.Equal("rgb(179, 38, 30)", colours[CheckStatus.Failed]);
    }

    [Fact]
    public async Task A_screenshot_of_each_rendered_page_is_a_png_of_the_whole_page()
    {
        // For docs/results: QSLM_REPORT_PAGES names report.html files (separated by ':') to shoot instead of the
        // samples, and QSLM_REPORT_SCREENSHOTS the folder to keep the screenshots in; else a temporary one.
        var keep = Environment.GetEnvironmentVariable("QSLM_REPORT_SCREENSHOTS");
        var folder = keep is { Length: > 0 } ? keep : _temp.File("screenshots");
        Directory.CreateDirectory(folder);
        var pages = (Environment.GetEnvironmentVariable("QSLM_REPORT_PAGES") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(page => (Name: Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(page)))!, Html: page)).ToList();
        if (pages.Count == 0)
        {
            foreach (var kind in Kinds)
            {
                ReportSet.Write(Sample(kind), _temp.File(kind));
                pages.Add((kind, Path.Combine(_temp.File(kind), ReportSet.HtmlFile)));
            }
        }
        foreach (var (name, html) in pages)
        {
            await using var rendered = await RenderedPage.OpenAsync(chromium.Browser, html);
            var png = Path.Combine(folder, $"report-{name}.png");
            await rendered.ScreenshotAsync(png);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
            var pageHeight = await rendered.Page.EvaluateExpressionAsync<int>("document.documentElement.scrollHeight");
            Assert.True(height >= pageHeight, $"{png} is {height} px high, the page {pageHeight} px: its lower part is missing");
        }
    }

    private static RunReport Sample(string kind) => kind switch
    {
        "claim" => SampleReports.Claim(),
        "qualify" => SampleReports.Qualify(),
        "regress" => SampleReports.Regress(),
        _ => SampleReports.Search(),
    };

    /// <summary>An image's load state as the page reports it.</summary>
    public sealed record ImageState(string Alt, bool Complete, int NaturalWidth);
}
