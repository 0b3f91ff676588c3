using System.Globalization;
using System.Text;
using QSLM.Errors;

namespace QSLM.Sensors.Export;

/// <summary>
/// Reads a log lazily, one line at a time, with a bounded buffer: the import of a log of any size holds
/// one line (at most <see cref="MaxChars"/> characters) at a time, never the file.
/// </summary>
public static class LogLines
{
    /// <summary>
    /// The longest line kept, in characters. A tegrastats line of the largest Jetson (AGX Thor, 14 cores)
    /// is under 1,000 characters and the other formats are shorter; a longer line is damage.
    /// </summary>
    public const int MaxChars = 16_384;

    /// <summary>The lines of an in-memory log, numbered from 1.</summary>
    public static IEnumerable<LogLine> Of(IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var line in lines) yield return new LogLine(++number, line);
    }

    /// <summary>
    /// The lines of <paramref name="reader"/> as they are read (line ends <c>\n</c>, <c>\r\n</c> or <c>\r</c>);
    /// <paramref name="origin"/> names the log in the error a log of more than <see cref="int.MaxValue"/> lines gives.
    /// </summary>
    public static IEnumerable<LogLine> Read(TextReader reader, string origin)
    {
        var line = new StringBuilder();
        var tooLong = false;
        var number = 0;
        var afterCarriageReturn = false;
        var buffer = new char[8192];
        int count;
        while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var c = buffer[i];
                if (c == '\n' && afterCarriageReturn)
                {
                    afterCarriageReturn = false;
                    continue;
                }
                afterCarriageReturn = c == '\r';
                if (c is '\n' or '\r')
                {
                    yield return Next();
                    continue;
                }
                if (line.Length < MaxChars) line.Append(c);
                else tooLong = true;
            }
        }
        if (line.Length > 0 || tooLong) yield return Next();

        LogLine Next()
        {
            if (number == int.MaxValue)
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{origin}: more than {int.MaxValue} lines; split the log"));
            var result = new LogLine(++number, line.ToString(), tooLong);
            line.Clear();
            tooLong = false;
            return result;
        }
    }
}
