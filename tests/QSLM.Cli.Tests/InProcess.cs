namespace QSLM.Cli.Tests;

/// <summary>Runs <c>qslm</c>'s <see cref="Program.Main"/> in this process, capturing what it prints:
/// milliseconds instead of a process start, for failures that happen before any real work.</summary>
internal static class InProcess
{
    public static ChildProcess.Result Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = Program.Main(args);
            return new ChildProcess.Result(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
