using System.Globalization;
using System.Text;

namespace QSLM.Format.Packed;

/// <summary>Text from a packed file made safe to print: a manifest is untrusted, and a name holding an
/// escape sequence must not reach a terminal raw.</summary>
public static class PackedText
{
    /// <summary><paramref name="text"/> with every character outside printable ASCII (and the backslash)
    /// written as <c>\uXXXX</c>.</summary>
    public static string Quote(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~' and not '\\')) return text;
        var quoted = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' and not '\\') quoted.Append(c);
            else quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return quoted.ToString();
    }
}
