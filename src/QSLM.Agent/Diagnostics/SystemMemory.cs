namespace QSLM.Agent.Diagnostics;

/// <summary>The board's memory from <c>/proc/meminfo</c> (proc(5)): <c>MemTotal</c> and
/// <c>MemAvailable</c>, the kernel's estimate of what a new workload can take without swapping.</summary>
public static class SystemMemory
{
    /// <summary><c>MemTotal</c> in bytes, or null where <c>/proc</c> is not available.</summary>
    public static long? TotalBytes() => Read("MemTotal:");

    /// <summary><c>MemAvailable</c> in bytes, or null where <c>/proc</c> is not available.</summary>
    public static long? AvailableBytes() => Read("MemAvailable:");

    private static long? Read(string field)
    {
        const string path = "/proc/meminfo";
        return File.Exists(path) ? ProcessMemory.Parse(File.ReadAllText(path), field) : null;
    }
}
