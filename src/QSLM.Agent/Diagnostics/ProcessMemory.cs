using System.Globalization;

namespace QSLM.Agent.Diagnostics;

/// <summary>
/// This process's resident memory from <c>/proc/self/status</c> (proc(5)): <c>VmHWM</c>, the peak
/// resident set, and <c>VmRSS</c>, the current one; file-backed pages of a mapped model count too.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Peak resident bytes, or null where <c>/proc</c> is not available.</summary>
    public static long? PeakResidentBytes() => Read("VmHWM:");

    /// <summary>
    /// Lowers the peak (<c>VmHWM</c>) to the current resident set by writing 5 to <c>/proc/self/clear_refs</c>
    /// (proc(5), Linux 4.0 and later), so that the next peak read belongs to the work done after this call
    /// and not to an earlier, larger model served by the same agent. Returns whether the kernel took it.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc or an older kernel: the peak stays the process's lifetime peak (an overestimate).
            return false;
        }
    }

    /// <summary>Current resident bytes, or null where <c>/proc</c> is not available.</summary>
    public static long? ResidentBytes() => Read("VmRSS:");

    /// <summary>Parses a <c>Name:   1234 kB</c> line of a proc status text.</summary>
    public static long? Parse(string status, string field)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                return kb * 1024;
        }
        return null;
    }

    private static long? Read(string field)
    {
        const string path = "/proc/self/status";
        return File.Exists(path) ? Parse(File.ReadAllText(path), field) : null;
    }
}
