using System.Globalization;
using System.Text;

namespace QSLM.CommandLine;

/// <summary>Text from a file or a command line made safe to print: control characters (an escape
/// sequence in a tensor name would recolour, retitle or clear the user's terminal) are written as
/// visible <c>\u001b</c>-style escapes.</summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every control character, line breaks included, made visible.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c)) safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else safe.Append(c);
        }
        return safe.ToString();
    }
}
