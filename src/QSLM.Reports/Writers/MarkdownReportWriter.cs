using System.Text;
using QSLM.Reports.Document;

namespace QSLM.Reports.Writers;

/// <summary>
/// The report as Markdown for a repository or a merge request: the same content as the HTML page, in the same
/// order, with each figure linked as the PNG file written beside it. Text from the run is escaped so a board name
/// or a detail never turns into markup.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The file's name.</summary>
    public const string FileName = "report.md";

    /// <summary>The Markdown for <paramref name="report"/>; figures are linked by their file names.</summary>
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(E(report.Title)).Append("\n\n");
        md.Append("**Verdict: ").Append(E(report.Verdict)).Append("** (").Append(ReportText.Status(report.Status)).Append(")\n\n");

        md.Append("## Provenance\n\n");
        Pairs(md, ReportText.Provenance(report));

        if (report.Boards.Count > 0)
        {
            md.Append("## Boards\n\n");
            foreach (var board in report.Boards)
            {
                md.Append("### ").Append(E(board.Name)).Append("\n\n");
                Pairs(md, ReportText.Board(board));
                Table(md, ["sensor", "source", "calibration"], board.Sensors.Select(s => new[] { s.Spec, s.Source, s.Calibration }));
            }
        }

        if (report.Models.Count > 0)
        {
            md.Append("## Models\n\n");
            Table(md, ["model", "file", "SHA-256", "size (bytes)", "precisions"], report.Models.Select(m => new[] { m.Label, m.Path, m.Sha256, ReportText.Count(m.Bytes), m.Description ?? "" }));
        }

        if (report.Checks.Count > 0)
        {
            md.Append("## Checks (").Append(ReportText.Counts(report.Checks)).Append(")\n\n");
            Table(md, ["board", "model", "check", "status", "measured", "threshold", "source", "detail"],
                report.Checks.Select(c => new[] { c.Board, c.Model, c.Check, ReportText.Status(c.Status), ReportText.WithUnit(c.Measured, c.Unit), ReportText.WithUnit(c.Threshold, c.Unit), c.Source ?? "", c.Detail }));
        }

        if (report.Claim is { } claim)
        {
            md.Append("## Claim\n\n");
            Pairs(md, ReportText.Claim(claim));
            Table(md, ["side", "quantity", "value (95% interval)", "source"], claim.Figures.Select(f => new[] { f.Side, f.Quantity, ReportText.Figure(f), f.Source }));
        }

        if (report.Windows.Count > 0)
        {
            md.Append("## Measurement windows\n\n");
            Table(md, ["board", "window", "side", "repeat", "kept", "span", "power (W, idle included)", "energy above idle (J/token)", "throttled", "source"],
                report.Windows.Select(w => new[]
                {
                    w.Board, ReportText.Count(w.Index), w.Side, w.Repeat < 0 ? "" : ReportText.Count(w.Repeat), w.Kept ? "yes" : "no (repeated)", ReportText.Span(w),
                    ReportText.Number(w.Watts), ReportText.Number(w.NetJoulesPerToken), w.Throttled ? "yes" : "no", w.Source,
                }));
        }

        if (report.Figures.Count > 0)
        {
            md.Append("## Figures\n\n");
            foreach (var figure in report.Figures)
                md.Append("![").Append(E(figure.Caption)).Append("](").Append(Uri.EscapeDataString(figure.Name)).Append(")\n\n*").Append(E(figure.Caption)).Append("*\n\n");
        }

        if (report.Notes.Count > 0)
        {
            md.Append("## Notes\n\n");
            foreach (var note in report.Notes) md.Append("- ").Append(E(note)).Append('\n');
            md.Append('\n');
        }
        return md.ToString();
    }

    /// <summary>Writes the Markdown into <paramref name="folder"/> (its figures are written there by <see cref="ReportSet"/>).</summary>
    /// <returns>The file written.</returns>
    public static string Write(RunReport report, string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, Render(report), new UTF8Encoding(false));
        return path;
    }

    // CommonMark's backslash escapes for the characters that start markup inline or in a table cell; a line break
    // inside a cell would end the row, so it becomes a space.
    private static string E(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') escaped.Append(' ');
            else if ("\\`*_{}[]<>()#|!~".Contains(c, StringComparison.Ordinal)) escaped.Append('\\').Append(c);
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static void Pairs(StringBuilder md, IEnumerable<(string Label, string Value)> pairs) =>
        Table(md, ["", ""], pairs.Select(p => new[] { $"**{p.Label}**", p.Value }), escapeFirst: false);

    private static void Table(StringBuilder md, IReadOnlyList<string> headings, IEnumerable<string[]> rows, bool escapeFirst = true)
    {
        md.Append('|').AppendJoin("", headings.Select(h => $" {E(h)} |")).Append('\n');
        md.Append('|').AppendJoin("", headings.Select(_ => " --- |")).Append('\n');
        foreach (var row in rows)
            md.Append('|').AppendJoin("", row.Select((cell, i) => $" {(i == 0 && !escapeFirst ? cell : E(cell))} |")).Append('\n');
        md.Append('\n');
    }
}
