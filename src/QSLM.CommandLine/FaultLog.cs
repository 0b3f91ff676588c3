using System.Globalization;

namespace QSLM.CommandLine;

/// <summary>Where an internal fault's stack trace goes: a file the user can attach to a report, so
/// that the terminal gets one line and the trace is not lost.</summary>
public static class FaultLog
{
    /// <summary>The folder of fault logs: <c>$XDG_STATE_HOME/qslm/faults</c>, else
    /// <c>~/.local/state/qslm/faults</c>, else the temporary folder's <c>qslm-faults</c>.</summary>
    public static string Folder()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state) || !Path.IsPathRooted(state))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            state = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".local", "state");
        }
        return state is null ? Path.Combine(Path.GetTempPath(), "qslm-faults") : Path.Combine(state, "qslm", "faults");
    }

    /// <summary>Writes <paramref name="fault"/> with the command line to a new file and returns its path;
    /// falls back to the temporary folder when the state folder cannot be written, and returns null
    /// when neither can.</summary>
    public static string? Write(string program, Exception fault, IEnumerable<string> commandLine)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{program}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{program} internal fault at {DateTime.UtcNow:o}\ncommand line: {string.Join(' ', commandLine)}\nruntime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}\n\n{fault}\n");
        foreach (var folder in new[] { Folder(), Path.Combine(Path.GetTempPath(), "qslm-faults") })
        {
            try
            {
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, name);
                File.WriteAllText(path, text);
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The next folder, else no log: the one line on stderr still goes out.
            }
        }
        return null;
    }
}
