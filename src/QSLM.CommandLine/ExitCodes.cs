namespace QSLM.CommandLine;

/// <summary>The exit codes of every QSLM executable, so that a script or a farm can tell what to do
/// next: retry (3), fix the command (2), report a bug (70), measure longer (4), or nothing (0, 1, 130).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, and a check or claim it made failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input from the user: an option, argument or file; one line says what, where and why.</summary>
    public const int BadInput = 2;

    /// <summary>A board, link or service failed; running the same command again may succeed.</summary>
    public const int Infrastructure = 3;

    /// <summary>The measurements neither support nor contradict the claim (its 95% interval straddles it); more
    /// windows may decide it, and the command says how many.</summary>
    public const int Inconclusive = 4;

    /// <summary>A bug: one line asks for a report and names the log file holding the stack trace (sysexits' EX_SOFTWARE).</summary>
    public const int InternalFault = 70;

    /// <summary>Interrupted by Ctrl-C or SIGTERM, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
