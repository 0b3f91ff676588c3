using System.Buffers.Binary;
using QSLM.Cli.Tests.Reports;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm report</c> end to end on hand-written search CSVs.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly TemporaryFolder _temp = new("qslm-report-");

    public void Dispose() => _temp.Dispose();

    // Width and height from the PNG's IHDR chunk, which follows the signature.
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path}: {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void A_report_draws_png_plots_of_the_requested_size_and_shows_the_chosen_candidate()
    {
        var csv = RunCsv.Write(_temp.Path, RunCsv.Accuracy);
        var png = Path.Combine(_temp.Path, "plots", "front.png");
        var result = QslmProcess.Run("report", csv, "--out", png, "--width", "640", "--height", "480");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal((640, 480), PngSize(png));
        Assert.Equal((640, 480), PngSize(Path.Combine(_temp.Path, "plots", "front-power.png")));
        Assert.Contains("#5 (block tier)", result.StdOut);
        Assert.Contains("3.2 W", result.StdOut);
        Assert.Contains("Pareto front", result.StdOut);
        Assert.Contains("power (W, estimated:horowitz-45nm)", result.StdOut);
        Assert.DoesNotContain("measured:", result.StdOut);
    }

    [Fact]
    public void By_default_the_plot_goes_beside_the_csv_and_a_run_without_power_has_no_power_plot()
    {
        var csv = RunCsv.Write(_temp.Path, string.Join('\n', RunCsv.Accuracy.Split('\n').Where(l => !l.Contains("measured", StringComparison.Ordinal))));
        var result = QslmProcess.Run("report", csv, "--chosen", "2");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal((1200, 800), PngSize(Path.Combine(_temp.Path, "pareto.png")));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "pareto-power.png")));
        Assert.Contains("#2 (global tier)", result.StdOut);
    }

    [Fact]
    public void A_report_writes_the_report_set_beside_the_csv_with_the_pareto_power_and_sensitivity_figures()
    {
        var csv = RunCsv.Write(_temp.Path, RunCsv.Accuracy.TrimEnd() + "\n" + RunCsv.SensitivityBaseline + "\n");
        var result = QslmProcess.Run("report", csv);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal((1200, 800), PngSize(Path.Combine(_temp.Path, "pareto.png")));
        foreach (var name in new[] { "report.html", "report.md", "report.json", "report.junit.xml", "figure-pareto.png", "figure-pareto-front.png", "figure-power.png", "figure-sensitivity.png" })
        {
            Assert.True(File.Exists(Path.Combine(_temp.Path, name)), name);
            Assert.Contains($"report: {Path.Combine(_temp.Path, name)}", result.StdOut, StringComparison.Ordinal);
        }
        var html = File.ReadAllText(Path.Combine(_temp.Path, "report.html"));
        Assert.Contains("<div id=\"verdict\" class=\"status-passed\">chosen #5 (block tier)", html, StringComparison.Ordinal);
        Assert.Contains("3.2 W (estimated:horowitz-45nm)", html, StringComparison.Ordinal);
        Assert.Contains($"qslm report {csv}", html, StringComparison.Ordinal);
        Assert.Empty(JUnitSchema.Load(Path.Combine(_temp.Path, "report.junit.xml")).Root!.Elements("testsuite"));
        Assert.Contains("](figure-sensitivity.png)", File.ReadAllText(Path.Combine(_temp.Path, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_csv_is_named()
    {
        var path = Path.Combine(_temp.Path, "absent.csv");
        OneLineError.Assert(QslmProcess.Run("report", path), $"search CSV not found: {path}");
    }

    [Fact]
    public void An_empty_csv_is_refused()
    {
        OneLineError.Assert(QslmProcess.Run("report", RunCsv.Write(_temp.Path, "")), "the file is empty");
        OneLineError.Assert(QslmProcess.Run("report", RunCsv.Write(_temp.Path, RunCsv.Header + "\n", "header.csv")), "no candidate rows");
    }

    [Fact]
    public void A_malformed_row_is_refused_with_its_line_number()
    {
        var csv = RunCsv.Header + "\n1,baseline,a,400,0,accuracy,0.8,,,,,,,,0,True,host-only\n2,global,b,many,0.25,accuracy,0.8,,,,,,,,0.5,True,host-only\n";
        OneLineError.Assert(QslmProcess.Run("report", RunCsv.Write(_temp.Path, csv)), "line 3");
    }

    [Fact]
    public void A_run_without_a_feasible_candidate_is_refused()
    {
        var csv = RunCsv.Header + "\n1,baseline,a,400,0,accuracy,0.8,,,,,,,,0,False,host-only\n";
        OneLineError.Assert(QslmProcess.Run("report", RunCsv.Write(_temp.Path, csv)), "no feasible candidate");
    }
}
