using QSLM.Cli.Rendering;
using QSLM.Format.Formats;
using QSLM.Format.Packed;
using Spectre.Console;

namespace QSLM.Cli.Tests.Commands;

/// <summary>What <c>qslm inspect</c> prints of a file's own text.</summary>
public sealed class InspectCommandTests
{
    [Fact]
    public void An_escape_sequence_in_a_tensor_name_is_printed_visibly_not_sent_to_the_terminal()
    {
        const string name = "blocks.0.att.key\u001b]0;owned\u0007\u001b[2J.weight";
        var summary = new PackedModelSummary([new TensorSummary(name, [4, 4], QuantFormats.Get("int8"), 16, 20)], 4096);
        var previous = AnsiConsole.Console;
        using var output = new StringWriter();
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        PipedOutput.Configure(AnsiConsole.Console, redirected: true);
        try
        {
            QSLM.Cli.Commands.InspectCommand.Print(summary, "model.qslm", perTensor: true);
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.Contains("\\u001b", text);
    }
}
