namespace QSLM.Cli.Tests.Rendering;

public sealed class TerminalTests
{
    [Fact]
    public void A_table_drawn_by_a_second_run_in_the_same_process_goes_to_that_runs_stdout()
    {
        var first = InProcess.Run("formats");
        var second = InProcess.Run("formats");

        Assert.True(first.ExitCode == 0, first.StdOut + first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdOut + second.StdErr);
        Assert.Contains("int4_g32_a8", second.StdOut, StringComparison.Ordinal);
    }
}
