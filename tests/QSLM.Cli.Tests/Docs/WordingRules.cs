using System.Text.RegularExpressions;

namespace QSLM.Cli.Tests.Docs;

/// <summary>
/// What user-facing text must not hold, as precise rules: development-log references (issue numbers), first
/// person and commit hashes. Each returns the offending words of one line, empty when the line is clean.
/// </summary>
internal static partial class WordingRules
{
    /// <summary>
    /// Issue, pull-request and ticket numbers: <c>issue 12</c>, <c>Issues #3</c>, <c>PR 7</c>,
    /// <c>pull request #9</c>, <c>ticket 4</c>, <c>owner/repo#12</c>, <c>GH-12</c>. A number after <c>#</c> alone
    /// (a search's candidate <c>#148</c>) is no issue number.
    /// </summary>
    public static IEnumerable<string> IssueNumbers(string line) => IssueNumber().Matches(line).Select(match => match.Value);

    /// <summary>
    /// First-person words as prose: <c>I</c> (capital only), and <c>we</c>, <c>our</c>, <c>us</c>, <c>my</c> in any
    /// case. Inline code is not prose, and neither is a word that is part of a name: joined to a letter, digit,
    /// <c>_</c>, <c>-</c> or <c>/</c>, or followed by a dot and a letter (<c>runs/my-search</c>, <c>my.pth</c>,
    /// <c>I/O</c>, <c>I2C</c>).
    /// </summary>
    public static IEnumerable<string> FirstPerson(string line) =>
        FirstPersonWord().Matches(InlineCode().Replace(line, "``")).Select(match => match.Value);

    /// <summary>
    /// Commit hashes: a run of 7 to 40 lower-case hexadecimal characters holding at least one digit and one
    /// letter, standing alone or in backticks, not inside a longer word or number. A SHA-256 (64 characters) is
    /// longer than any commit hash and is not one, and neither is the one name made of hexadecimal characters
    /// that the docs use, the key type <c>ed25519</c>.
    /// </summary>
    public static IEnumerable<string> CommitHashes(string line) =>
        HexRun().Matches(line).Select(match => match.Value)
            .Where(run => run.Any(char.IsAsciiDigit) && run.Any(char.IsAsciiLetter) && !HexNames.Contains(run));

    private static readonly HashSet<string> HexNames = ["ed25519"];

    [GeneratedRegex(@"(?i:\b(?:issues?|pull\s+requests?|PRs?|tickets?)\s*#?\s*\d+\b|\bGH-\d+\b)|[\w.-]+/[\w.-]+#\d+\b")]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"(?<![\w/.-])(?:I|(?i:we|our|us|my))(?![\w/-]|\.\w)")]
    private static partial Regex FirstPersonWord();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<![\w.:/-])[0-9a-f]{7,40}(?![\w-])")]
    private static partial Regex HexRun();
}
