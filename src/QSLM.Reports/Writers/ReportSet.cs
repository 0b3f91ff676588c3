using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>Writes every form of a report together into a run folder, so the forms never disagree: the HTML page, the
/// Markdown with its figures as PNG files beside it, the versioned JSON and the JUnit XML.</summary>
public static class ReportSet
{
    /// <summary>The JSON form's file name.</summary>
    public const string JsonFile = JsonReportWriter.FileName;

    /// <summary>The HTML form's file name.</summary>
    public const string HtmlFile = HtmlReportWriter.FileName;

    /// <summary>The Markdown form's file name.</summary>
    public const string MarkdownFile = MarkdownReportWriter.FileName;

    /// <summary>The JUnit form's file name.</summary>
    public const string JUnitFile = JUnitReportWriter.FileName;

    /// <summary>Writes <paramref name="report"/> into <paramref name="folder"/>.</summary>
    /// <returns>The files written, for the console: the four forms, then the figures.</returns>
    /// <exception cref="ArgumentException">A figure's name is not a plain file name, or two figures share one.</exception>
    public static IReadOnlyList<string> Write(RunReport report, string folder)
    {
        foreach (var figure in report.Figures)
        {
            if (figure.Name.Length == 0 || Path.GetFileName(figure.Name) != figure.Name || !figure.Name.EndsWith(".png", StringComparison.Ordinal))
                throw new ArgumentException($"a figure's name must be a plain .png file name, not '{figure.Name}'", nameof(report));
        }
        if (report.Figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"two figures are named '{twice.Key}'", nameof(report));

        Directory.CreateDirectory(folder);
        var figures = report.Figures.Select(f =>
        {
            var path = Path.Combine(folder, f.Name);
            File.WriteAllBytes(path, f.Png);
            return path;
        }).ToList();
        return
        [
            HtmlReportWriter.Write(report, folder),
            MarkdownReportWriter.Write(report, folder),
            JsonReportWriter.Write(report, folder),
            JUnitReportWriter.Write(report, folder),
            .. figures,
        ];
    }
}
