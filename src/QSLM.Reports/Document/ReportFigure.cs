namespace QSLM.Reports.Document;

/// <summary>A plot of the report.</summary>
/// <param name="Name">Its file name (<c>power-trace.png</c>): written beside the Markdown, embedded in the HTML.</param>
/// <param name="Caption">What it shows, with its units.</param>
/// <param name="Png">The image.</param>
public sealed record ReportFigure(string Name, string Caption, byte[] Png);
