using System.Globalization;

namespace QSLM.Agent.Settings;

/// <summary>The power mode <c>nvpmodel</c> records in <c>var/lib/nvpmodel/status</c> under the root
/// (<c>pmode:0002 fmode:quiet</c>: the mode's number, zero-padded).</summary>
internal static class NvpmodelStatus
{
    public const string RelativePath = "var/lib/nvpmodel/status";

    /// <summary>The mode as a plain number (<c>2</c>), or null when the file is absent or names no mode.</summary>
    public static string? Read(string root)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(root, RelativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        foreach (var word in text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("pmode:", StringComparison.Ordinal) && int.TryParse(word.AsSpan("pmode:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var mode))
                return mode.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }
}
