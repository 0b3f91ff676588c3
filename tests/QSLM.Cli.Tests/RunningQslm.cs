using System.Diagnostics;
using System.Text;

namespace QSLM.Cli.Tests;

/// <summary>The built <c>qslm</c> started as a child process and left running, its output read as it comes, so a test can
/// act at a point of its run (start a second process while the first holds a board).</summary>
internal sealed class RunningQslm : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Lock _gate = new();

    public RunningQslm(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string StdOut
    {
        get
        {
            lock (_gate) return _out.ToString();
        }
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; fails the test with the output so far if it does not in time.</summary>
    public void WaitFor(string text, int seconds = 300)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!StdOut.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) _process.WaitForExit();
            if (_process.HasExited && !StdOut.Contains(text, StringComparison.Ordinal))
                throw new InvalidOperationException($"qslm ended (exit {_process.ExitCode}) before printing '{text}':\n{StdOut}\n{Errors()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"qslm did not print '{text}' in {seconds} s:\n{StdOut}\n{Errors()}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Waits for the process to end and returns what it printed.</summary>
    public ChildProcess.Result Wait(int seconds = 600)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"qslm ran past {seconds} s:\n{StdOut}\n{Errors()}");
        }
        _process.WaitForExit();
        return new ChildProcess.Result(_process.ExitCode, StdOut, Errors());
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private string Errors()
    {
        lock (_gate) return _err.ToString();
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (_gate) to.AppendLine(line);
    }
}
