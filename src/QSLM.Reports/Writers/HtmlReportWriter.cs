using System.Text;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>
/// The report as one self-contained HTML page people read and sign: inline CSS, figures as <c>data:</c> URIs, no
/// script and no external resource, so the file reads the same when mailed, archived or opened offline. The verdict
/// comes first, in the element <c>#verdict</c>, coloured by the run's status. Every text from the run is escaped.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The page's file name.</summary>
    public const string FileName = "report.html";

    private const string Style = """
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:2em auto;max-width:75em;color:#222;line-height:1.4}
        #verdict{font-size:1.6em;font-weight:bold;padding:.6em 1em;border-radius:.3em;color:#fff}
        .status-passed{background:#1e7b34}.status-failed{background:#b3261e}.status-error{background:#b35c00}.status-not-run{background:#5f6368}
        td.status-passed,td.status-failed,td.status-error,td.status-not-run{color:#fff;font-weight:bold}
        table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}figcaption{font-style:italic;color:#444}
        code{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}
        """;

    /// <summary>The page for <paramref name="report"/>.</summary>
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(report.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<div id=\"verdict\" class=\"").Append(StatusClass(report.Status)).Append("\">").Append(E(report.Verdict)).Append("</div>\n");
        html.Append("<h1>").Append(E(report.Title)).Append("</h1>\n");

        Section(html, "provenance", "Provenance");
        Pairs(html, ReportText.Provenance(report));

        if (report.Boards.Count > 0)
        {
            Section(html, "boards", "Boards");
            foreach (var board in report.Boards)
            {
                html.Append("<h3>").Append(E(board.Name)).Append("</h3>\n");
                Pairs(html, ReportText.Board(board));
                Table(html, ["sensor", "source", "calibration"], board.Sensors.Select(s => new[] { Cell(s.Spec), Cell(s.Source), Cell(s.Calibration) }));
            }
        }

        if (report.Models.Count > 0)
        {
            Section(html, "models", "Models");
            Table(html, ["model", "file", "SHA-256", "size (bytes)", "precisions"],
                report.Models.Select(m => new[] { Cell(m.Label), Cell(m.Path), $"<td><code>{E(m.Sha256)}</code></td>", Num(ReportText.Count(m.Bytes)), Cell(m.Description ?? "") }));
        }

        if (report.Checks.Count > 0)
        {
            Section(html, "checks", $"Checks ({ReportText.Counts(report.Checks)})");
            Table(html, ["board", "model", "check", "status", "measured", "threshold", "source", "detail"],
                report.Checks.Select(c => new[]
                {
                    Cell(c.Board), Cell(c.Model), Cell(c.Check), $"<td class=\"{StatusClass(c.Status)}\">{E(ReportText.Status(c.Status))}</td>",
                    Num(ReportText.WithUnit(c.Measured, c.Unit)), Num(ReportText.WithUnit(c.Threshold, c.Unit)), Cell(c.Source ?? ""), Cell(c.Detail),
                }));
        }

        if (report.Claim is { } claim)
        {
            Section(html, "claim", "Claim");
            Pairs(html, ReportText.Claim(claim));
            Table(html, ["side", "quantity", "value (95% interval)", "source"],
                claim.Figures.Select(f => new[] { Cell(f.Side), Cell(f.Quantity), Num(ReportText.Figure(f)), Cell(f.Source) }));
        }

        if (report.Windows.Count > 0)
        {
            Section(html, "windows", "Measurement windows");
            Table(html, ["board", "window", "side", "repeat", "kept", "span", "power (W, idle included)", "energy above idle (J/token)", "throttled", "source"],
                report.Windows.Select(w => new[]
                {
                    Cell(w.Board), Num(ReportText.Count(w.Index)), Cell(w.Side), Num(w.Repeat < 0 ? "" : ReportText.Count(w.Repeat)), Cell(w.Kept ? "yes" : "no (repeated)"),
                    Num(ReportText.Span(w)), Num(ReportText.Number(w.Watts)), Num(ReportText.Number(w.NetJoulesPerToken)), Cell(w.Throttled ? "yes" : "no"), Cell(w.Source),
                }));
        }

        if (report.Figures.Count > 0)
        {
            Section(html, "figures", "Figures");
            foreach (var figure in report.Figures)
            {
                html.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png)).Append("\" alt=\"").Append(E(figure.Caption)).Append("\">")
                    .Append("<figcaption>").Append(E(figure.Caption)).Append("</figcaption></figure>\n");
            }
        }

        if (report.Notes.Count > 0)
        {
            Section(html, "notes", "Notes");
            html.Append("<ul>\n");
            foreach (var note in report.Notes) html.Append("<li>").Append(E(note)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page into <paramref name="folder"/>.</summary>
    /// <returns>The file written.</returns>
    public static string Write(RunReport report, string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, Render(report), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The CSS class that colours a status.</summary>
    public static string StatusClass(CheckStatus status) => "status-" + ReportText.Status(status).Replace(' ', '-');

    // The five characters HTML gives meaning to; everything else stays as UTF-8 text (the page declares UTF-8).
    private static string E(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    private static string Cell(string text) => $"<td>{E(text)}</td>";

    private static string Num(string text) => $"<td class=\"num\">{E(text)}</td>";

    private static void Section(StringBuilder html, string id, string heading) => html.Append("<h2 id=\"").Append(id).Append("\">").Append(E(heading)).Append("</h2>\n");

    private static void Pairs(StringBuilder html, IEnumerable<(string Label, string Value)> pairs)
    {
        html.Append("<table>\n");
        foreach (var (label, value) in pairs) html.Append("<tr><th>").Append(E(label)).Append("</th>").Append(Cell(value)).Append("</tr>\n");
        html.Append("</table>\n");
    }

    private static void Table(StringBuilder html, IReadOnlyList<string> headings, IEnumerable<string[]> rows)
    {
        html.Append("<table>\n<tr>");
        foreach (var heading in headings) html.Append("<th>").Append(E(heading)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows) html.Append("<tr>").AppendJoin("", row).Append("</tr>\n");
        html.Append("</table>\n");
    }
}
