using System.CommandLine;

namespace QSLM.Cli;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--verbose</c>: print stack traces with errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print the full stack trace when a command fails.",
        Recursive = true,
    };
}
