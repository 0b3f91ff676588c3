using System.CommandLine;

namespace QSLM.Cli.RunOptions;

/// <summary>The command as typed, for the history and the reports: what reruns it, quoted where a word needs it.</summary>
internal static class CommandText
{
    /// <summary><c>qslm</c> and the tokens of <paramref name="parse"/>.</summary>
    public static string Of(ParseResult parse) =>
        string.Join(' ', new[] { "qslm" }.Concat(parse.Tokens.Select(t => Quote(t.Value))));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+%@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
