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
    public void An_invariant_failing_inside_a_library_call_of_a_command_exits_70_with_a_fault_log()
    {
        // The options were checked when parsed, so a window the library refuses is the program's own mistake.
        var (code, lines) = Run(() => QSLM.Sensors.Statistics.WindowedComparison.WindowMeans([], TimeSpan.Zero).Count);

        Assert.Equal(70, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("qslm: internal error: the window must be positive; this is a bug, please report it with ", line);
        var log = line[(line.LastIndexOf(' ') + 1)..];
        Assert.StartsWith(_state.Path, log);
        Assert.Contains("System.ArgumentException: the window must be positive", File.ReadAllText(log));
    }

    private static readonly Dictionary<string, (Func<int> Body, string Message)> BadInputs = new()
    {
        ["input"] = (() => throw new QSLM.Errors.InputException("--menu is empty"), "--menu is empty"),
        ["packed file"] = (() => throw new QSLM.Format.Packed.PackedFileException("m.qslm: truncated header"), "m.qslm: truncated header"),
        ["bench file"] = (() => throw new QSLM.Boards.Inventory.InventoryException("bench.yaml", 3, 5, "unknown key 'hots'"), "bench.yaml:3:5: unknown key 'hots'"),
        ["profile"] = (() => throw new QSLM.Boards.Profiles.UnknownProfileException("pi6", "profiles", ["pi5"]), "unknown firmware profile 'pi6' in profiles (profiles: pi5)"),
        ["format name"] = (() => QSLM.Format.Formats.QuantFormats.Get("int7").Bits, "unknown quantization format 'int7'"),
        ["sensor spec"] = (() => QSLM.Sensors.Discovery.SensorSpec.Open("ina3221", TimeProvider.System).GetHashCode(), "unknown sensor 'ina3221'"),
        ["sample files"] = (() => QSLM.Sensors.Statistics.WindowedComparison.Compare("a.csv", [], "b.csv", [], TimeSpan.FromSeconds(10)).GetHashCode(), "both candidates need samples"),
        ["missing file"] = (() => throw new FileNotFoundException("absent.qslm: file not found"), "absent.qslm: file not found"),
        ["permission"] = (() => throw new UnauthorizedAccessException("/root/out.csv: permission denied"), "/root/out.csv: permission denied"),
    };

    [Theory]
    [InlineData("input")]
    [InlineData("packed file")]
    [InlineData("bench file")]
    [InlineData("profile")]
    [InlineData("format name")]
    [InlineData("sensor spec")]
    [InlineData("sample files")]
    [InlineData("missing file")]
    [InlineData("permission")]
    public void Each_class_of_bad_input_exits_2_in_one_line(string what)
    {
        var (body, message) = BadInputs[what];
        var (code, lines) = Run(body);
        Assert.True(code == 2, $"{what}: exit code {code}");
        Assert.StartsWith($"qslm: error: {message}", Assert.Single(lines));
        Assert.Empty(Directory.GetFileSystemEntries(_state.Path));
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
