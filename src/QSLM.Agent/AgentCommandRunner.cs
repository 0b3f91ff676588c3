using QSLM.CommandLine;

namespace QSLM.Agent;

/// <summary>Turns failures into one line on stderr and the exit codes of <see cref="ExitCodes"/>:
/// 2 for bad input (a missing, corrupt or mismatched model, bad data, an out-of-range option), 3 when
/// the machine's storage fails, 130 when cancelled, and 70 for a fault of the agent itself, whose stack
/// trace goes to a log file.</summary>
internal static class AgentCommandRunner
{
    public const int Success = ExitCodes.Success;
    public const int Failure = ExitCodes.CheckFailed;
    public const int BadInput = ExitCodes.BadInput;

    public static int Run(bool verbose, Func<int> body) => new CommandExit("qslm-agent", Classify).Run(verbose, body);

    /// <summary>Which exit code a failure gets: the shared rule of <see cref="FailureClasses"/> (bad input,
    /// a damaged model among it, 2; infrastructure 3), then the machine's storage failing (3), or null for
    /// a fault of the agent itself.</summary>
    internal static int? Classify(Exception e) => FailureClasses.Then(static e => e is IOException ? ExitCodes.Infrastructure : null)(e);
}
