using System.Globalization;
using QSLM.Cli.Rendering;
using QSLM.Cli.Tests.Reports;
using QSLM.Model;
using QSLM.Model.Checkpoints;

namespace QSLM.Cli.Tests.Rendering;

/// <summary>Output piped to a file or a log keeps every row of a table, and every name and number, on
/// one line: a log is read, searched and diffed line by line.</summary>
public sealed class PipedOutputTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-piped-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Piped_inspect_prints_each_tensor_and_the_totals_on_one_line()
    {
        // A long path: the totals line names it, then the counts.
        var folder = Directory.CreateDirectory(_temp.File("a-folder-whose-name-alone-takes-up-much-of-an-eighty-column-line")).FullName;
        var checkpoint = Path.Combine(folder, "tiny.safetensors");
        using (var model = new SpikeGpt(new SpikeGptConfig(1, 16, 50))) SpikeGptCheckpoint.Save(model, checkpoint);
        var packed = Path.Combine(folder, "tiny.qslm");
        Assert.Equal(0, QslmProcess.Run("pack", "--checkpoint", checkpoint, "--assign", "*.weight=int4_g32,*=fp16", "-o", packed).ExitCode);

        var result = QslmProcess.Run("inspect", packed);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains("blocks.0.ffn.receptance.weight", StringComparison.Ordinal) && l.Contains("16x16", StringComparison.Ordinal) && l.Contains("int4_g32", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{packed}: ", StringComparison.Ordinal) && l.Contains(" parameters, ", StringComparison.Ordinal) && l.Contains(" bits/weight, ", StringComparison.Ordinal));
    }

    [Fact]
    public void Piped_report_prints_each_summary_row_on_one_line()
    {
        var csv = RunCsv.Write(_temp.Path, RunCsv.Accuracy);

        var result = QslmProcess.Run("report", csv, "--width", "200", "--height", "200");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains("precisions", StringComparison.Ordinal) && l.Contains("input=sign1 blocks.0=int8 output=int8", StringComparison.Ordinal) && l.Contains("input=fp32 blocks.0=fp32 output=fp32", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("power", StringComparison.Ordinal) && l.Contains("3.2 W", StringComparison.Ordinal) && l.Contains("estimated:horowitz-45nm", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("#5 (chosen)", StringComparison.Ordinal) && l.Contains("800,000", StringComparison.Ordinal) && l.Contains("0.4020", StringComparison.Ordinal));
    }

    [Fact]
    public void A_console_that_is_not_a_terminal_is_widened_and_a_terminal_is_left_alone()
    {
        var piped = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });
        PipedOutput.Configure(piped, redirected: true);
        Assert.Equal(PipedOutput.Width, piped.Profile.Width);
        var terminal = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });
        var width = terminal.Profile.Width;
        PipedOutput.Configure(terminal, redirected: false);
        Assert.Equal(width, terminal.Profile.Width);
        Assert.Equal("80", width.ToString(CultureInfo.InvariantCulture));
    }
}
