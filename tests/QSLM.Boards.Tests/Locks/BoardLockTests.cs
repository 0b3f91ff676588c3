using System.Diagnostics;
using QSLM.Boards.Inventory;
using QSLM.Boards.Locks;
using QSLM.Boards.Transports.Ssh;
using QSLM.Errors;

namespace QSLM.Boards.Tests.Locks;

/// <summary>One QSLM process at a time drives a board on this host; a second is told who holds it, and a killed holder
/// frees it.</summary>
public sealed class BoardLockTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-locks-");
    private readonly string? _before = Environment.GetEnvironmentVariable(BoardLock.FolderVariable);

    public BoardLockTests() => Environment.SetEnvironmentVariable(BoardLock.FolderVariable, _temp.File("locks"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(BoardLock.FolderVariable, _before);
        _temp.Dispose();
    }

    private static BoardEntry Local(string name) => new(name, null, BoardLink.Local, null, null, null, [], null);

    private static BoardEntry Ssh(string name, int port) =>
        new(name, null, BoardLink.Ssh, new SshEntry("10.0.0.7", port, "pi", "/keys/id", HostKeyPin.Fingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "/opt/qslm"), null, null, [], null);

    private Bench BenchOf(string file, params BoardEntry[] boards) => new("lab", _temp.File(file), boards);

    [Fact]
    public void A_second_holder_is_refused_with_the_first_named_and_gets_the_board_once_it_is_released()
    {
        var bench = BenchOf("bench.yaml", Local("pi"));
        var first = BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "qslm qualify m.qslm --board pi");

        var refused = Assert.Throws<InfrastructureFailureException>(() => BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "qslm search"));

        Assert.Contains($"board pi is in use by pid {Environment.ProcessId} on {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("qslm qualify m.qslm --board pi", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--board-wait", refused.Message, StringComparison.Ordinal);
        first.Dispose();
        BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "qslm search").Dispose();
    }

    [Fact]
    public async Task A_waiting_holder_is_told_who_holds_the_board_and_takes_it_when_it_is_released()
    {
        var bench = BenchOf("bench.yaml", Local("pi"));
        var first = BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "qslm claim");
        var told = new TaskCompletionSource<string>();

        var second = Task.Run(() => BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.FromMinutes(5), "qslm qualify", line => told.TrySetResult(line)));
        var line = await told.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(second.IsCompleted, "the second waits while the first holds the board");
        first.Dispose();

        (await second.WaitAsync(TimeSpan.FromMinutes(1))).Dispose();
        Assert.Contains("board pi is in use by pid", line, StringComparison.Ordinal);
        Assert.Contains("waiting up to 300 s", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_holder_killed_without_releasing_frees_the_board_since_the_kernel_drops_its_lock()
    {
        var bench = BenchOf("bench.yaml", Local("pi"));
        BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "probe").Dispose();
        var file = Path.Combine(_temp.File("locks"), BoardLock.Key(bench, bench.Boards[0]) + ".lock");
        // util-linux's flock takes the same flock(2) lock as .NET's FileShare.None, from another process.
        using var holder = Process.Start(new ProcessStartInfo("flock", [file, "sleep", "120"]))!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        InfrastructureFailureException? refused = null;
        while (refused is null && DateTime.UtcNow < deadline)
        {
            try
            {
                BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.Zero, "probe").Dispose();
                Thread.Sleep(50);
            }
            catch (InfrastructureFailureException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);

        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();

        // flock's child (sleep) holds the lock too and is killed with it; its exit may trail flock's by a moment.
        BoardLock.Acquire(bench, bench.Boards[0], TimeSpan.FromSeconds(30), "after the holder died").Dispose();
    }

    [Fact]
    public void One_ssh_board_named_differently_in_two_bench_files_has_one_lock_and_local_boards_of_two_benches_have_two()
    {
        var a = BenchOf("a.yaml", Ssh("pi-a", 22), Local("here"));
        var b = BenchOf("b.yaml", Ssh("lab-pi", 22), Local("here"), Ssh("other-port", 2222));

        Assert.Equal(BoardLock.Key(a, a.Boards[0]), BoardLock.Key(b, b.Boards[0]));
        Assert.NotEqual(BoardLock.Key(a, a.Boards[1]), BoardLock.Key(b, b.Boards[1]));
        Assert.NotEqual(BoardLock.Key(b, b.Boards[0]), BoardLock.Key(b, b.Boards[2]));
        Assert.Matches("^[A-Za-z0-9.@_-]+$", BoardLock.Key(a, a.Boards[0]));
    }
}
