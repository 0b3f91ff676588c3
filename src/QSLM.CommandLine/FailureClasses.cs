using QSLM.Errors;

namespace QSLM.CommandLine;

/// <summary>
/// The one rule every QSLM executable applies to a failure before its own: what the user supplied
/// (<see cref="InputException"/> and its subclasses, a file or folder that is not there, a path that
/// may not be read or written) is 2, and <see cref="InfrastructureFailureException"/> is 3. Anything
/// the rule and the program's own classifier leave unclaimed (an <see cref="ArgumentException"/> or
/// <see cref="InvalidOperationException"/> from an invariant among them) is a bug, 70.
/// </summary>
public static class FailureClasses
{
    /// <summary>The exit code of <paramref name="e"/> under the shared rule, or null when it does not say.</summary>
    public static int? Of(Exception e) => e switch
    {
        InputException or FileNotFoundException or DirectoryNotFoundException => ExitCodes.BadInput,
        // Permission denied on a path: the user named it, or it is one of the program's own folders in the
        // user's environment (runs/, the fault log's folder). Either way the user fixes it (permissions, a
        // different path); running again does not help (not 3) and the program did nothing wrong (not 70).
        UnauthorizedAccessException => ExitCodes.BadInput,
        InfrastructureFailureException => ExitCodes.Infrastructure,
        _ => null,
    };

    /// <summary>A classifier for <see cref="CommandExit"/>: the shared rule first, then <paramref name="program"/>'s own.</summary>
    public static Func<Exception, int?> Then(Func<Exception, int?> program) => e => Of(e) ?? program(e);
}
