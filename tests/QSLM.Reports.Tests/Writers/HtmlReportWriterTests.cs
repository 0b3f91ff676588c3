using System.Globalization;
using System.Text.RegularExpressions;
using QSLM.Reports.Writers;

namespace QSLM.Reports.Tests.Writers;

public sealed partial class HtmlReportWriterTests
{
    [Fact]
    public void The_verdict_comes_first_in_the_verdict_element_coloured_by_status()
    {
        var html = HtmlReportWriter.Render(SampleReports.Qualify());
        var body = html[(html.IndexOf("<body>", StringComparison.Ordinal) + "<body>".Length)..].TrimStart();
        Assert.StartsWith("<div id=\"verdict\" class=\"status-failed\">1 failed, 1 error, 3 passed, 1 not run</div>", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_with_figures_as_data_uris_and_no_script()
    {
        var report = SampleReports.Claim();
        var html = HtmlReportWriter.Render(report);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        var sources = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(report.Figures.Count, sources.Count);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s, StringComparison.Ordinal));
        Assert.Equal(report.Figures[0].Png, Convert.FromBase64String(sources[0]["data:image/png;base64,".Length..]));
    }

    [Fact]
    public void Every_text_from_the_run_is_escaped()
    {
        var report = SampleReports.Regress() with { Title = "<script>alert(1)</script>", Notes = ["a & b <i>"] };
        var html = HtmlReportWriter.Render(report);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b &lt;i&gt;", html, StringComparison.Ordinal);
        Assert.Contains("ana &lt;lab&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_holds_provenance_boards_models_checks_claim_windows_and_notes_with_units()
    {
        var html = HtmlReportWriter.Render(SampleReports.Claim());
        foreach (var id in new[] { "provenance", "boards", "models", "checks", "claim", "windows", "figures", "notes" }) Assert.Contains($"<h2 id=\"{id}\"", html, StringComparison.Ordinal);
        foreach (var text in new[] { "1.4.0 (commit 0123abcd)", "bench-host", "2026-03-01 09:00:00Z", "2026-03-01 09:12:30Z", "1 s x 3 windows", "SIM-0042", "5.15.148-tegra", "JetPack 6.2",
                     "governor performance", "Keysight N6705C", new string('a', 64), "Student&#39;s t over 3 paired repeats", "-24.6%", "6.1 ± 0.12 W", "0.0268 ± 0.0009 J/token", "power (W, idle included)", "energy above idle (J/token)" })
            Assert.Contains(text, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture_whatever_the_machine_s()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes a decimal comma (the tests run in globalization-invariant mode: no named cultures).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var html = HtmlReportWriter.Render(SampleReports.Claim());
            Assert.Contains("4.68 ± 0.1 W", html, StringComparison.Ordinal);
            Assert.DoesNotContain("4,68", html, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_claim_left_inconclusive_states_the_pairs_that_would_decide_it()
    {
        var claim = SampleReports.Claim();
        var report = claim with { Claim = claim.Claim! with { Verdict = "inconclusive", PairsToDecide = 14 } };
        Assert.Contains("14 at the observed variance", HtmlReportWriter.Render(report), StringComparison.Ordinal);
    }

    [GeneratedRegex("<img src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();
}
