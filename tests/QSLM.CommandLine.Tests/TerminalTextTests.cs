namespace QSLM.CommandLine.Tests;

public sealed class TerminalTextTests
{
    [Fact]
    public void Control_characters_are_made_visible_and_other_text_is_kept()
    {
        Assert.Equal("key\\u001b[2J\\u0007.weight", TerminalText.Printable("key\u001b[2J\u0007.weight"));
        Assert.Equal("blocks.0.att.key.weight — ünïcode", TerminalText.Printable("blocks.0.att.key.weight — ünïcode"));
        Assert.Equal("a\\u000db\\u009bc", TerminalText.Printable("a\rb\u009bc"));
    }

    [Fact]
    public void An_error_quoting_a_file_does_not_send_its_escape_sequences_to_the_terminal()
    {
        using var error = new StringWriter();
        var exit = new CommandExit("qslm", _ => ExitCodes.BadInput) { Error = error };
        Assert.Equal(ExitCodes.BadInput, exit.Run(verbose: false, () => throw new InvalidDataException("model.qslm: unknown tensor 'x\u001b]0;owned\u0007'")));
        Assert.Equal("qslm: error: model.qslm: unknown tensor 'x\\u001b]0;owned\\u0007'\n", error.ToString());
    }
}
