using System.CommandLine;
using QSLM.Cli.Rendering;
using QSLM.Cli.Reports;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Reports.Plots;
using QSLM.Reports.Writers;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm report RUN.csv</c>: the Pareto plot and summary of a search's CSV, and the report set (HTML,
/// Markdown, JSON, JUnit XML with the Pareto, power and sensitivity figures) in the CSV's folder.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var csv = new Argument<string>("csv") { Description = "A search's CSV (search.csv of a qslm search --out folder)." }.NotAFolder();
        var output = new Option<string?>("--out") { Description = "The plot's PNG. Default: pareto.png beside the CSV; a power plot, where the run has power figures, goes beside it as NAME-power.png." }.WritableFile(createsFolder: true);
        var chosen = new Option<int?>("--chosen") { Description = "The candidate to mark as chosen. Default: the Chosen of manifest.json beside the CSV, else the search's rule (highest objective among feasible candidates, then fewest bytes, then lowest number)." }.InRange(1, int.MaxValue);
        var xAxis = new Option<string>("--x") { Description = "The x axis: bytes (packed size, MB) or reduction (memory reduction against fp32, %).", DefaultValueFactory = _ => "bytes" };
        xAxis.AcceptOnlyFromAmong("bytes", "reduction");
        var width = new Option<int>("--width") { Description = "Width of the PNG in pixels.", DefaultValueFactory = _ => 1200 }.InRange(100, 10_000, "pixels");
        var height = new Option<int>("--height") { Description = "Height of the PNG in pixels.", DefaultValueFactory = _ => 800 }.InRange(100, 10_000, "pixels");
        var command = new Command("report", "Plot a search's candidates: packed size against the metric, the Pareto front, the fp32 baseline and the chosen candidate (and power against size where the run has power); "
            + "print the chosen candidate, the front and counts; write report.html, report.md, report.json and report.junit.xml with their figures beside the CSV. A candidate's last row in the CSV is what is known of it; sensitivity measurements (another data slice) are left out.")
        {
            csv, output, chosen, xAxis, width, height,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var started = DateTimeOffset.UtcNow;
            var (w, h) = (parse.GetValue(width), parse.GetValue(height));
            if (w is < 100 or > 10_000 || h is < 100 or > 10_000) throw new InputException($"--width and --height must be between 100 and 10000 pixels, got {w}x{h}");
            var run = SearchRun.Load(parse.GetValue(csv)!);
            var (pick, reason) = ChosenCandidate.Find(run, parse.GetValue(chosen));
            var axis = parse.GetValue(xAxis) == "reduction" ? SizeAxis.Reduction : SizeAxis.Bytes;
            var front = RunPlots.Front(run);
            var png = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(run.Path))!, "pareto.png");
            var written = RunPlots.Save(run, front, pick, png, axis, w, h);
            var typed = "qslm " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var reports = ReportSet.Write(SearchReport.Of(run, front, pick, reason, axis, typed, started), Path.GetDirectoryName(Path.GetFullPath(run.Path))!);
            ReportSummary.Write(Terminal.Ansi, run, front, pick, reason);
            foreach (var line in written) Terminal.WriteLine(line);
            foreach (var file in reports) Terminal.WriteLine($"report: {file}");
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }
}
