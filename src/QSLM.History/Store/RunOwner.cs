using System.Diagnostics;
using System.Globalization;

namespace QSLM.History.Store;

/// <summary>The process that records a run: host name, process id and the process's start time, so a run left
/// "running" can be told apart from one still in progress (a reused process id has another start time).</summary>
/// <param name="Host">The machine's name.</param>
/// <param name="Pid">The process id.</param>
/// <param name="ProcessStarted">The process's start time (round-trip text), when readable.</param>
public sealed record RunOwner(string Host, long Pid, string? ProcessStarted)
{
    /// <summary>This process.</summary>
    public static RunOwner Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartTimeOf(Environment.ProcessId));

    /// <summary>Whether the owner is known to have died: it ran on this machine and no process with its id and start
    /// time is alive. A run of another machine is never judged dead from here.</summary>
    public bool IsDeadHere() => Host == Current.Host && (Pid != Current.Pid || ProcessStarted != Current.ProcessStarted) && StartTimeOf(Pid) is var now && (now is null || now != ProcessStarted);

    // Linux's own start time of the process (clock ticks since boot, /proc/PID/stat field 22) reads the same from every
    // process; Process.StartTime is derived from it through the current uptime, and two processes computing it disagree
    // by milliseconds, which would make a live run read as dead from another process.
    private static string? StartTimeOf(long pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                var stat = File.ReadAllText(FormattableString.Invariant($"/proc/{pid}/stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return fields.Length > 19 ? "ticks:" + fields[19] : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null; // no such process
            }
        }
        try
        {
            using var process = Process.GetProcessById(checked((int)pid));
            return process.StartTime.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or OverflowException)
        {
            return null;
        }
    }
}
