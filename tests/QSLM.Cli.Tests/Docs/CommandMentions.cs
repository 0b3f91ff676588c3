using System.Text.RegularExpressions;

namespace QSLM.Cli.Tests.Docs;

/// <summary>
/// The <c>qslm</c> command lines a document names: <c>./qslm</c> anywhere, or <c>qslm</c> right after a
/// backtick, followed by a command and, where one follows, a subcommand. A word counts as a command only
/// when it is lower-case letters, digits and dashes ending at a space, a backtick, punctuation or the line's
/// end, so a path (<c>./qslm report runs/x/search.csv</c>) or an option ends the command.
/// </summary>
internal static partial class CommandMentions
{
    /// <summary>The words after <c>qslm</c> that may name a command and a subcommand, in order.</summary>
    public static IEnumerable<string[]> In(string line) =>
        Mention().Matches(line).Select(match => match.Groups["word"].Captures.Select(word => word.Value).ToArray())
            .Where(words => words.Length > 0);

    [GeneratedRegex(@"(?:\./|(?<=`))qslm(?![\w-])(?:[ \t]+(?<word>[a-z][a-z0-9-]*)(?=[\s`,;:.)]|$)){0,2}")]
    private static partial Regex Mention();
}
