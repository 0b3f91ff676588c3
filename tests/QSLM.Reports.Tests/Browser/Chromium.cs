using PuppeteerSharp;

namespace QSLM.Reports.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, driven through PuppeteerSharp pointed at the installed executable (no browser is
/// downloaded). One browser per test class, shared by its tests. Without chromium every browser test fails with
/// the reason, under CI or not: a report that was never rendered is not a report that passed.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser; QSLM_CHROMIUM names another.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("QSLM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser was not launched");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException(
                $"the HTML report is checked in a real browser and {Executable} does not exist: install Debian's chromium package (./run-tests installs it) or set QSLM_CHROMIUM"
                + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: these tests never skip)" : ""), Executable);
        }
        // As root, chromium refuses to start with its sandbox on.
        string[] args = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" || IsRoot() ? ["--no-sandbox", "--disable-gpu"] : ["--disable-gpu"];
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions { Headless = true, ExecutablePath = Executable, Args = args, Browser = SupportedBrowser.Chromium });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
    }

    private static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
        && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
}
