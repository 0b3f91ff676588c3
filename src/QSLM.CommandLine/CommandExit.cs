namespace QSLM.CommandLine;

/// <summary>
/// Runs a command's body and turns how it ended into an exit code and at most one line on stderr:
/// bad input (2), infrastructure (3) and a failed check (1), as the program's classifier says; cancellation (130); and
/// anything else, which is a bug (70): one line asking for a report and naming the log file that holds
/// the stack trace. With <c>--verbose</c> the stack trace is printed as well.
/// </summary>
public sealed class CommandExit(string program, Func<Exception, int?> classify)
{
    /// <summary>Where the one line goes; stderr unless a test captures it.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>The command line written into a fault log.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = Environment.GetCommandLineArgs();

    /// <summary>Runs <paramref name="body"/>; returns its exit code or the failure's.</summary>
    /// <param name="verbose">Print the stack trace too.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    public int Run(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception thrown)
        {
            return Report(Unwrapped(thrown), verbose);
        }
    }

    /// <summary>As <see cref="Run"/>, for a body that awaits (a board run, a cancellable search).</summary>
    public async Task<int> RunAsync(bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception thrown)
        {
            return Report(Unwrapped(thrown), verbose);
        }
    }

    // A task that failed with one exception reports that exception, not its wrapper.
    private static Exception Unwrapped(Exception thrown) =>
        thrown is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : thrown;

    /// <summary>The exit code for <paramref name="e"/>, after writing its line.</summary>
    public int Report(Exception e, bool verbose)
    {
        if (e is OperationCanceledException)
        {
            Error.WriteLine($"{program}: interrupted");
            return ExitCodes.Interrupted;
        }
        var code = classify(e);
        if (code is { } known)
        {
            Error.WriteLine(known == ExitCodes.Infrastructure
                ? $"{program}: error: {FirstLine(e.Message)} (infrastructure failure; the same command may succeed when run again)"
                : $"{program}: error: {FirstLine(e.Message)}");
            if (verbose) Error.WriteLine(e.ToString());
            return known;
        }
        var log = FaultLog.Write(program, e, CommandLine);
        Error.WriteLine($"{program}: internal error: {FirstLine(e.Message)}; this is a bug, please report it with {log ?? "the output of --verbose"}");
        if (verbose) Error.WriteLine(e.ToString());
        return ExitCodes.InternalFault;
    }

    // A message may quote a file (a tensor name, a path): its control characters are made visible.
    private static string FirstLine(string text) => TerminalText.Printable(text.Split('\n')[0].Trim());
}
