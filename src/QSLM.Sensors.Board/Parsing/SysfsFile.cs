namespace QSLM.Sensors.Board.Parsing;

/// <summary>Reads the one-value text files of sysfs (Linux Documentation/filesystems/sysfs.rst).</summary>
internal static class SysfsFile
{
    public static string? Text(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    public static long? Integer(string path) => Text(path) is { } t && InvariantNumber.TryLong(t, out var v) ? v : null;
}
