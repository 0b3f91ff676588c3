namespace QSLM.Cli.Progress;

/// <summary>Lines the harness reports, written to standard output at once, on the reporting thread,
/// so they stay in order with the command's other output.</summary>
internal sealed class ConsoleLines : IProgress<string>
{
    public static ConsoleLines Instance { get; } = new();

    public void Report(string value) => Console.WriteLine(value);
}
