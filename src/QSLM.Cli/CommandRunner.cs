using System.CommandLine;
using QSLM.Boards.Failures;
using QSLM.CommandLine;
using TorchSharp;

namespace QSLM.Cli;

/// <summary>
/// Runs a command body and turns failures into one line on stderr and the exit codes of
/// <see cref="ExitCodes"/>: 2 for bad input (missing or malformed files, bad options), 3 for a board,
/// link or service that failed, 130 when cancelled, and 70 for anything else, which is a bug whose
/// stack trace goes to a log file. The stack trace is printed only with <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public const int Success = ExitCodes.Success;
    public const int Failure = ExitCodes.CheckFailed;
    public const int BadInput = ExitCodes.BadInput;
    public const int Infrastructure = ExitCodes.Infrastructure;

    /// <param name="parse">The parsed command line.</param>
    /// <param name="body">The command's work; returns the exit code.</param>
    /// <param name="usesTorch">False for commands that never touch the model on the host (power,
    /// calibration, boards, deploy, reports): they then run where libtorch is absent, as on a bench
    /// PC or a GPU server that carries only the self-contained CLI without its native libraries.</param>
    public static int Run(ParseResult parse, Func<int> body, bool usesTorch = true) =>
        new CommandExit("qslm", Classify).Run(parse.GetValue(GlobalOptions.Verbose), () =>
        {
            if (usesTorch) torch.set_num_threads(ThreadCount());
            return body();
        });

    /// <summary>As <see cref="Run"/>, for a body that awaits (a board, a cancellable search).</summary>
    public static Task<int> RunAsync(ParseResult parse, Func<Task<int>> body, bool usesTorch = true) =>
        new CommandExit("qslm", Classify).RunAsync(parse.GetValue(GlobalOptions.Verbose), () =>
        {
            if (usesTorch) torch.set_num_threads(ThreadCount());
            return body();
        });

    /// <summary>Which exit code a failure gets: the shared rule of <see cref="FailureClasses"/> (bad input 2,
    /// infrastructure 3), then a board's failure (a failed candidate is a check that failed, a broken link
    /// 3), or null for a fault of the program itself.</summary>
    internal static int? Classify(Exception e) => FailureClasses.Then(BoardFailure)(e);

    private static int? BoardFailure(Exception e) => e switch
    {
        BoardFailureException { Class: FailureClass.Candidate } => ExitCodes.CheckFailed,
        // A disposed object is the program's own mistake here, whatever it means inside a board session.
        ObjectDisposedException => null,
        _ => FailureClassifier.Classify(e, BoardPhase.Connect, "") is { Class: FailureClass.Infrastructure, Code: not FailureCodes.Unexpected } ? ExitCodes.Infrastructure : null,
    };

    /// <summary>Torch threads: <c>OMP_NUM_THREADS</c> when set (so that two jobs sharing a machine
    /// do not oversubscribe it; libtorch's spinning workers then slow both by orders of magnitude),
    /// else one per core.</summary>
    private static int ThreadCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Environment.ProcessorCount;
}
