using System.Net.Sockets;

namespace QSLM.CommandLine.Tests;

public sealed class CommandExitTests : IDisposable
{
    private readonly FaultLogFolder _state = new("qslm-state-");
    private readonly StringWriter _error = new();

    public void Dispose() => _state.Dispose();

    private int Run(Func<int> body, bool verbose = false) =>
        new CommandExit("qslm", e => e is FileNotFoundException ? ExitCodes.BadInput : e is SocketException ? ExitCodes.Infrastructure : null) { Error = _error, CommandLine = ["qslm", "eval"] }
            .Run(verbose, body);

    private string[] Lines => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_bug_exits_70_with_one_line_naming_a_log_that_holds_the_stack_trace()
    {
        Assert.Equal(ExitCodes.InternalFault, Run(() => throw new InvalidOperationException("state went wrong")));

        var line = Assert.Single(Lines);
        Assert.StartsWith("qslm: internal error: state went wrong; this is a bug, please report it with ", line);
        var log = line[(line.LastIndexOf(' ') + 1)..];
        Assert.StartsWith(Path.Combine(_state.Path, "qslm", "faults"), log);
        var text = File.ReadAllText(log);
        Assert.Contains("command line: qslm eval", text);
        Assert.Contains("System.InvalidOperationException: state went wrong", text);
        Assert.Contains("   at ", text);
    }

    [Fact]
    public void Verbose_prints_the_stack_trace_of_a_bug_too()
    {
        Assert.Equal(ExitCodes.InternalFault, Run(() => throw new NullReferenceException(), verbose: true));
        Assert.Contains("   at ", _error.ToString());
    }

    [Fact]
    public void A_cancelled_token_exits_130()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Equal(ExitCodes.Interrupted, Run(() =>
        {
            cancel.Token.ThrowIfCancellationRequested();
            return 0;
        }));
        Assert.Equal("qslm: interrupted", Assert.Single(Lines));
    }

    [Fact]
    public void Bad_input_and_infrastructure_are_one_line_each_with_their_codes()
    {
        Assert.Equal(ExitCodes.BadInput, Run(() => throw new FileNotFoundException("model.qslm: file not found")));
        Assert.Equal(ExitCodes.Infrastructure, Run(() => throw new AggregateException(new SocketException(111))));
        Assert.Equal(2, Lines.Length);
        Assert.Equal("qslm: error: model.qslm: file not found", Lines[0]);
        Assert.EndsWith("(infrastructure failure; the same command may succeed when run again)", Lines[1]);
        Assert.Empty(Directory.GetFileSystemEntries(_state.Path));
    }

    [Fact]
    public void A_command_that_succeeds_prints_nothing()
    {
        Assert.Equal(ExitCodes.Success, Run(() => ExitCodes.Success));
        Assert.Equal(ExitCodes.CheckFailed, Run(() => ExitCodes.CheckFailed));
        Assert.Empty(_error.ToString());
    }
}
