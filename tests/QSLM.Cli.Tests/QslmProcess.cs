using System.Diagnostics;

namespace QSLM.Cli.Tests;

/// <summary>Runs the built <c>qslm</c> program as a child process, the way a user runs it.</summary>
internal static class QslmProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "qslm"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // One torch thread per test process: tests run side by side on a small machine.
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("qslm " + string.Join(' ', args) + " did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
