using System.Net.Sockets;
using QSLM.Boards.Failures;

namespace QSLM.Cli.Tests;

/// <summary>How a command's failure becomes <c>qslm</c>'s exit code: a bug is 70 with its stack trace
/// in a log file, an interruption 130, a failed board 3; an <see cref="ArgumentException"/> from the
/// program's own code is a bug, not bad input.</summary>
public sealed class CommandRunnerTests : IDisposable
{
    private readonly FaultLogFolder _state = new("qslm-state-");

    public void Dispose() => _state.Dispose();

    private static (int Code, string[] Lines) Run(Func<int> body)
    {
        var parse = Program.Root().Parse(["formats"]);
        return StandardError.Capture(() => CommandRunner.Run(parse, body, usesTorch: false));
    }

    [Fact]
    public void An_internal_fault_exits_70_with_one_line_and_the_stack_trace_in_a_log()
    {
        var (code, lines) = Run(() => throw new InvalidOperationException("the ledger lost a candidate"));

        Assert.Equal(70, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("qslm: internal error: the ledger lost a candidate; this is a bug, please report it with ", line);
        var log = line[(line.LastIndexOf(' ') + 1)..];
        Assert.Contains("   at ", File.ReadAllText(log));
        Assert.StartsWith(_state.Path, log);
    }

    [Fact]
    public void An_argument_exception_from_the_program_is_a_bug_not_bad_input()
    {
        var (code, lines) = Run(() => throw new ArgumentException("width must be positive, got 0"));
        Assert.Equal(70, code);
        Assert.Contains("this is a bug", Assert.Single(lines));
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
        Assert.Equal("qslm: interrupted", Assert.Single(lines));
    }

    [Fact]
    public void A_board_or_link_failure_exits_3()
    {
        Assert.Equal(3, Run(() => throw new BoardFailureException("pi5", BoardPhase.Connect, FailureClass.Infrastructure, FailureCodes.ConnectionLost, true, "connection refused")).Code);
        Assert.Equal(3, Run(() => throw new SocketException(111)).Code);
        Assert.Equal(3, Run(() => throw new QSLM.Errors.InfrastructureFailureException("the agent stopped answering")).Code);
    }

    [Fact]
    public void A_failed_candidate_is_a_failed_check_and_bad_input_stays_2()
    {
        var candidate = Run(() => throw new BoardFailureException("pi5", BoardPhase.Run, FailureClass.Candidate, "model_invalid", false, "the runtime refused it"));
        Assert.Equal(1, candidate.Code);
        Assert.Equal("qslm: error: pi5: Run: candidate failure (model_invalid): the runtime refused it", Assert.Single(candidate.Lines));
        Assert.Equal(2, Run(() => throw new QSLM.Errors.InputException("--menu is empty")).Code);
        Assert.Equal(2, Run(() => throw new QSLM.Boards.Inventory.InventoryException("bench.yaml", 3, 5, "unknown key 'hots'")).Code);
    }
}
