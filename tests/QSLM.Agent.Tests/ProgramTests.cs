namespace QSLM.Agent.Tests;

/// <summary>A command line the agent cannot use is one line on stderr with exit code 2, never the help.</summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("--tokens must be at least 1 and at most 100000000, got -3 (see qslm-agent run --help)", "run", "model.qslm", "--tokens", "-3")]
    [InlineData("--tokens must be a whole number at least 1 and at most 100000000, got '1e308' (see qslm-agent run --help)", "run", "model.qslm", "--tokens", "1e308")]
    [InlineData("--kernel must be one of Scalar, Vector128, Vector256, got 'avx' (see qslm-agent run --help)", "run", "model.qslm", "--kernel", "avx")]
    [InlineData("--threads must be at least 1 and at most 4096, got 0 (see qslm-agent info --help)", "info", "model.qslm", "--threads", "0")]
    [InlineData("Required argument 'model' missing for command: 'run'. (see qslm-agent run --help)", "run")]
    public void A_bad_command_line_is_one_line_with_exit_code_2(string expected, params string[] args)
    {
        var result = AgentProcess.RunBuilt(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"qslm-agent: error: {expected}", Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(result.StdOut);
    }
}
