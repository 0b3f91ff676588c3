using System.Diagnostics;

namespace QSLM.Sensors.Board.Programs;

/// <summary>Runs a fixed sensor program (<c>nvidia-smi</c>, <c>vcgencmd</c>) and returns its output. The
/// agent runs only these fixed programs, never one the host names: it still runs protocol operations only.</summary>
public static class ProgramOutput
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>The program's stdout, or null when it cannot be started, fails or takes longer than 5 s.</summary>
    public static string? Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
