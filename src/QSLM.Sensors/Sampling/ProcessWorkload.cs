using System.Diagnostics;

namespace QSLM.Sensors.Sampling;

/// <summary>
/// A command run as the measured work: started (as a new process) when a window opens, killed with its
/// children when it closes. It counts no tokens; <see cref="EndedEarly"/> counts windows in which the
/// command had already exited, which leaves idle time inside the window.
/// </summary>
public sealed class ProcessWorkload(string fileName, IReadOnlyList<string> arguments, Action<bool>? onRunning = null) : IWorkload
{
    private Process? _process;

    /// <summary>Windows whose command exited before the window closed.</summary>
    public int EndedEarly { get; private set; }

    /// <summary>Exit codes of commands that ended on their own (a non-zero one means the work failed).</summary>
    public List<int> ExitCodes { get; } = [];

    /// <inheritdoc />
    public void Start(int repeat)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        // Drain the pipes so a chatty command never blocks on a full buffer while it is measured.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        onRunning?.Invoke(true);
    }

    /// <summary>Waits for the running command to end by itself (tests).</summary>
    internal bool WaitForExit(TimeSpan timeout) => _process?.WaitForExit(timeout) ?? true;

    /// <inheritdoc />
    public long Stop(int repeat)
    {
        var process = _process ?? throw new InvalidOperationException("the workload was not started");
        onRunning?.Invoke(false);
        if (process.HasExited)
        {
            EndedEarly++;
            ExitCodes.Add(process.ExitCode);
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        process.Dispose();
        _process = null;
        return 0;
    }
}
