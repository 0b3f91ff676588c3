namespace QSLM.Agent.Tests;

/// <summary>How an agent command's failure becomes its exit code: a bug is 70 with its stack trace in
/// a log file, an interruption 130, bad input 2; an <see cref="ArgumentException"/> from the agent's
/// own code is a bug, not bad input.</summary>
public sealed class AgentCommandRunnerTests : IDisposable
{
    private readonly FaultLogFolder _state = new("qslm-agent-state-");

    public void Dispose() => _state.Dispose();

    private static (int Code, string[] Lines) Run(Func<int> body) =>
        StandardError.Capture(() => AgentCommandRunner.Run(verbose: false, body));

    [Fact]
    public void An_internal_fault_exits_70_with_one_line_and_the_stack_trace_in_a_log()
    {
        var (code, lines) = Run(() => throw new IndexOutOfRangeException("row 12 of 8"));

        Assert.Equal(70, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("qslm-agent: internal error: row 12 of 8; this is a bug, please report it with ", line);
        var log = line[(line.LastIndexOf(' ') + 1)..];
        Assert.StartsWith(_state.Path, log);
        Assert.Contains("   at ", File.ReadAllText(log));
    }

    [Fact]
    public void An_argument_exception_from_the_agent_is_a_bug_not_bad_input()
    {
        Assert.Equal(70, Run(() => throw new ArgumentException("features need 32 elements, got 31")).Code);
    }

    [Fact]
    public void A_cancelled_command_exits_130()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var (code, lines) = Run(() =>
        {
            cancel.Token.ThrowIfCancellationRequested();
            return 0;
        });
        Assert.Equal(130, code);
        Assert.Equal("qslm-agent: interrupted", Assert.Single(lines));
    }

    [Fact]
    public void Bad_input_exits_2_in_one_line()
    {
        var (code, lines) = Run(() => throw new QSLM.Errors.InputException("--tokens must be at least 1"));
        Assert.Equal(2, code);
        Assert.Equal("qslm-agent: error: --tokens must be at least 1", Assert.Single(lines));
    }

    [Fact]
    public void A_damaged_model_and_a_missing_file_are_bad_input_and_a_failing_disk_is_infrastructure()
    {
        var (damaged, lines) = Run(() => throw new QSLM.Format.Packed.PackedFileException("m.qslm: truncated header"));
        Assert.Equal(2, damaged);
        Assert.Equal("qslm-agent: error: m.qslm: truncated header", Assert.Single(lines));
        Assert.Equal(2, Run(() => throw new FileNotFoundException("m.qslm: file not found")).Code);
        Assert.Equal(3, Run(() => throw new IOException("No space left on device")).Code);
        Assert.Equal(3, Run(() => throw new QSLM.Errors.InfrastructureFailureException("the store failed")).Code);
    }
}
