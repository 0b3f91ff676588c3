using System.Diagnostics;
using System.Globalization;

namespace QSLM.Boards.Tests.Fixtures;

/// <summary>Kills a process and all its descendants by id (found through <c>/proc/PID/stat</c>), as a
/// crash or a power cut would: SIGKILL, no clean-up.</summary>
internal static class ProcessTree
{
    public static void Kill(int root)
    {
        foreach (var pid in Descendants(root).Prepend(root).ToList())
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Whether any process runs with <paramref name="folder"/> as its working folder.</summary>
    public static bool AnyRunningIn(string folder)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            try
            {
                if (new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget == folder) return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return false;
    }

    /// <summary>Waits, polling, until no process runs in <paramref name="folder"/>; false if one still
    /// does after a generous bound (a readiness wait, not a timing check).</summary>
    public static bool WaitUntilNoneRunningIn(string folder)
    {
        for (var i = 0; i < 600; i++)
        {
            if (!AnyRunningIn(folder)) return true;
            Thread.Sleep(50);
        }
        return false;
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command name: state, ppid, ...
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(rest[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (pid, ppid) in parents)
            {
                if (ppid != parent) continue;
                found.Add(pid);
                queue.Enqueue(pid);
            }
        }
        return found;
    }
}
