using PuppeteerSharp;

namespace QSLM.Reports.Tests.Browser;

/// <summary>A report page as chromium rendered it, with everything the browser complained about while loading it.</summary>
internal sealed class RenderedPage : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private RenderedPage(IPage page) => Page = page;

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors, page errors and failed requests, in the order they came.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Opens <paramref name="html"/> (a file) in a new tab and waits until it and its images have loaded.</summary>
    public static async Task<RenderedPage> OpenAsync(IBrowser browser, string html)
    {
        var page = await browser.NewPageAsync();
        var rendered = new RenderedPage(page);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error) rendered._problems.Add($"console error: {e.Message.Text}");
        };
        page.PageError += (_, e) => rendered._problems.Add($"page error: {e.Message}");
        page.RequestFailed += (_, e) => rendered._problems.Add($"request failed: {e.Request.Url}");
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.GoToAsync(new Uri(Path.GetFullPath(html)).AbsoluteUri, WaitUntilNavigation.Load);
        return rendered;
    }

    /// <summary>Saves a PNG of the whole rendered page (for docs/results and for a person checking a failure).</summary>
    public Task ScreenshotAsync(string png) => Page.ScreenshotAsync(png, new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
