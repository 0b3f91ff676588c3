using ScottPlot;

namespace QSLM.Reports.Plots;

/// <summary>
/// The font every plot's text is drawn with: DejaVu Sans, bundled beside the program. SkiaSharp's
/// Linux assets here come without fontconfig and, on a machine without fonts, draw no text at all
/// (no error), so a plot must not depend on what fonts a machine has.
/// </summary>
public static class ReportFonts
{
    /// <summary>The font family the plots are drawn with.</summary>
    public const string Name = "DejaVu Sans";

    private static readonly Lazy<string> Registered = new(() =>
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");
        if (!File.Exists(path)) throw new FileNotFoundException($"the plots' font is missing: {path} (a broken install?)", path);
        // One face serves every style: titles come out regular rather than bold, and never blank.
        foreach (var bold in new[] { false, true })
        {
            foreach (var italic in new[] { false, true }) Fonts.AddFontFile(Name, path, bold, italic);
        }
        return Name;
    });

    /// <summary>Draws all of <paramref name="plot"/>'s text with the bundled font.</summary>
    public static void Apply(Plot plot) => plot.Font.Set(Registered.Value);
}
