using QSLM.Sensors.Board.Parsing;

namespace QSLM.Sensors.Board.Memory;

/// <summary>
/// The board's memory from <c>/proc/meminfo</c> (proc(5)): <c>MemTotal</c> and <c>MemAvailable</c>, the
/// kernel's estimate of memory available to a new program without swapping. The agent's own peak and
/// current resident set (VmHWM, VmRSS) come from <c>QSLM.Agent.Diagnostics.ProcessMemory</c>.
/// </summary>
public sealed record MemInfo(long TotalBytes, long AvailableBytes)
{
    /// <summary>Reads <paramref name="path"/>, or null where it does not exist (not Linux).</summary>
    public static MemInfo? Read(string path = "/proc/meminfo") => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    /// <summary>Parses the text of /proc/meminfo; null when either field is missing or malformed.</summary>
    public static MemInfo? Parse(string text)
    {
        long? total = null, available = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var key = line[..colon];
            if (key is not ("MemTotal" or "MemAvailable")) continue;
            var parts = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[1] != "kB" || !InvariantNumber.TryLong(parts[0], out var kb) || kb < 0) return null;
            if (key == "MemTotal") total = kb * 1024; else available = kb * 1024;
        }
        return total is { } t && available is { } a ? new MemInfo(t, a) : null;
    }
}
