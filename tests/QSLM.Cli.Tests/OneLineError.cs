namespace QSLM.Cli.Tests;

/// <summary>What every bad-input failure of the CLI looks like: exit code 2 and one line, no stack trace.</summary>
internal static class OneLineError
{
    public static void Assert(ChildProcess.Result result, string expected)
    {
        Xunit.Assert.Equal(2, result.ExitCode);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Xunit.Assert.Single(lines);
        Xunit.Assert.StartsWith("qslm: error: ", lines[0]);
        Xunit.Assert.Contains(expected, lines[0]);
        Xunit.Assert.DoesNotContain("   at ", result.StdErr);
    }
}
