using System.CommandLine;

namespace QSLM.Cli.Tests.Docs;

/// <summary>Every <c>qslm</c> command and subcommand that the README and the reference documents name is one
/// that <c>qslm</c>'s command tree has.</summary>
public sealed class DocumentedCommandsTests
{
    [Fact]
    public void Every_qslm_command_named_in_the_docs_exists()
    {
        var root = Program.Root();
        var unknown = UserDocs.Lines()
            .SelectMany(line => CommandMentions.In(line.Text).Select(words => (line, words)))
            .Where(mention => !Exists(root, mention.words))
            .Select(mention => $"qslm {string.Join(' ', mention.words)} ({mention.line})")
            .ToList();
        Assert.True(unknown.Count == 0, "commands the docs name that qslm does not have:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void The_docs_name_qslm_commands_at_all()
    {
        var named = UserDocs.Lines().SelectMany(line => CommandMentions.In(line.Text)).Select(words => words[0]).ToHashSet();
        Assert.Contains("search", named);
        Assert.Contains("power", named);
        Assert.Contains("boards", named);
    }

    [Theory]
    [InlineData("./qslm frobnicate --now")]
    [InlineData("run `qslm power frobnicate` first")]
    [InlineData("./qslm boards qualify hardware/local.yaml")]
    public void A_line_naming_a_command_qslm_lacks_is_caught(string line)
    {
        var mentions = CommandMentions.In(line).ToList();
        Assert.NotEmpty(mentions);
        Assert.DoesNotContain(mentions, words => Exists(Program.Root(), words));
    }

    [Theory]
    [InlineData("./qslm report runs/my-search/search.csv", "report")]
    [InlineData("./qslm boards check hardware/example-ssh.yaml --board orin-nano-a", "boards check")]
    [InlineData("`qslm power compare` tests a claim", "power compare")]
    [InlineData("./qslm search    # the main job", "search")]
    public void A_command_ends_at_its_arguments(string line, string expected)
    {
        var words = Assert.Single(CommandMentions.In(line));
        Assert.Equal(expected, string.Join(' ', words));
        Assert.True(Exists(Program.Root(), words));
    }

    /// <summary>The first word must be a command; a second word must be a subcommand where the command has
    /// subcommands (a group such as <c>power</c> takes no arguments of its own), and is an argument otherwise.</summary>
    private static bool Exists(Command root, string[] words)
    {
        var command = root.Subcommands.FirstOrDefault(c => c.Name == words[0]);
        if (command is null) return false;
        if (words.Length < 2 || command.Subcommands.Count == 0) return true;
        return command.Subcommands.Any(c => c.Name == words[1]);
    }
}
