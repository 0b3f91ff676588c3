using QSLM.Errors;

namespace QSLM.Sensors.Export;

/// <summary>Opens a log to import, refusing one that cannot be read with one line that names it and says why.</summary>
public static class LogFile
{
    /// <summary>A reader over <paramref name="path"/> (UTF-8 unless a byte-order mark says otherwise).</summary>
    /// <exception cref="InputException">The file is missing, a directory, or not readable.</exception>
    public static StreamReader OpenText(string path)
    {
        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new InputException($"{path}: cannot be read as a log: {why}", e);
        }
    }
}
