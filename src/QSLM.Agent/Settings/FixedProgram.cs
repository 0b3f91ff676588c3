using System.Diagnostics;

namespace QSLM.Agent.Settings;

/// <summary>
/// Runs one of the board's own programs (<c>nvpmodel</c>, <c>jetson_clocks</c>) by name from the agent's program
/// path, with arguments the agent formats itself: no shell, no text from a profile or a host. Its input is closed at
/// once, so a program that asks a question (<c>nvpmodel</c> offering a reboot) reads no answer.
/// </summary>
internal static class FixedProgram
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The program's file in the first of <paramref name="directories"/> that has it, or null.</summary>
    public static string? Find(string program, IReadOnlyList<string> directories) =>
        directories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="file"/>; null when it exited 0, else why not (its status and the last line it wrote).</summary>
    public static string? Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var command = string.Join(' ', [Path.GetFileName(file), .. arguments]);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return FormattableString.Invariant($"{command} ran past {Limit.TotalSeconds:0} s and was stopped");
            }
            if (process.ExitCode == 0) return null;
            var said = LastLine(error.GetAwaiter().GetResult()) ?? LastLine(output.GetAwaiter().GetResult());
            return FormattableString.Invariant($"{command} exited {process.ExitCode}") + (said is null ? "" : ": " + said);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command} could not be started: {e.Message}";
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
