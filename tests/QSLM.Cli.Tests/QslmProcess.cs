namespace QSLM.Cli.Tests;

/// <summary>Runs the built <c>qslm</c> program as a child process, the way a user runs it.</summary>
internal static class QslmProcess
{
    // One torch thread per test process: tests run side by side on a small machine.
    private static readonly Dictionary<string, string> Environment = new() { ["OMP_NUM_THREADS"] = "1" };

    public static ChildProcess.Result Run(params string[] args) =>
        ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "qslm"), args, Environment, RepositoryFiles.Root);
}
