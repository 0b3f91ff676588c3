using QSLM.Errors;
using QSLM.Harness.Search;

namespace QSLM.Harness.Tests.Search;

/// <summary>A pool of boards shares a batch out, loses a board that fails for infrastructure, and reruns that board's
/// candidate on another without blaming it.</summary>
public sealed class BoardPoolTests
{
    private static readonly IReadOnlyList<QSLM.Search.Tiers.Candidate> Five = [.. Enumerable.Range(1, 5).Select(PoolBoard.Candidate)];

    private sealed class Lines : IProgress<string>
    {
        public List<string> All { get; } = [];

        public void Report(string value)
        {
            lock (All) All.Add(value);
        }
    }

    [Fact]
    public async Task A_batch_is_shared_over_the_boards_and_each_candidate_is_measured_once_by_the_board_it_names()
    {
        // Each board's first candidate waits until the other has taken one, so both boards take part.
        var started = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<QSLM.Search.Tiers.Candidate, Task> FirstWaitsForTheOther()
        {
            var first = true;
            return _ =>
            {
                if (!first) return Task.CompletedTask;
                first = false;
                if (Interlocked.Increment(ref started) == 2) both.TrySetResult();
                return both.Task;
            };
        }
        var a = new PoolBoard("a") { Before = FirstWaitsForTheOther() };
        var b = new PoolBoard("b") { Before = FirstWaitsForTheOther() };

        var batch = await new BoardPool([a, b]).MeasureManyAsync(Five, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], batch.Measured.Keys.Order());
        Assert.Empty(batch.Failed);
        Assert.Equal(0, batch.Reruns);
        Assert.Equal([1, 2, 3, 4, 5], a.Measured.Concat(b.Measured).Order());
        Assert.NotEmpty(a.Measured);
        Assert.NotEmpty(b.Measured);
        foreach (var id in a.Measured) Assert.Equal("a", batch.Measured[id].MeasuredOn);
        foreach (var id in b.Measured) Assert.Equal("b", batch.Measured[id].MeasuredOn);
        Assert.Equal(PoolBoard.Candidate(3).Bytes, batch.Measured[3].PeakRssBytes);
    }

    [Fact]
    public async Task A_board_failing_for_infrastructure_leaves_the_pool_and_its_candidate_is_rerun_on_another()
    {
        var lines = new Lines();
        var a = new PoolBoard("a") { FailsAt = 0 };
        // b waits until a has failed, so a takes a candidate before b can take them all.
        var b = new PoolBoard("b") { Before = _ => a.Failed };
        var pool = new BoardPool([a, b], lines);

        var batch = await pool.MeasureManyAsync(Five, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], batch.Measured.Keys.Order());
        Assert.Empty(batch.Failed);
        Assert.Equal(1, batch.Reruns);
        Assert.Equal(["a"], pool.Lost);
        Assert.Equal([1, 2, 3, 4, 5], b.Measured.Order());
        Assert.Contains(lines.All, l => l.StartsWith("board a failed for infrastructure", StringComparison.Ordinal) && l.Contains("the link went down", StringComparison.Ordinal));
        Assert.Contains(lines.All, l => l.Contains("goes to another board (b)", StringComparison.Ordinal));

        // The lost board gets no more work.
        var next = await pool.MeasureAsync(PoolBoard.Candidate(6), CancellationToken.None);
        Assert.Equal("b", next.MeasuredOn);
        Assert.Contains(6, b.Measured);
    }

    [Fact]
    public async Task When_every_board_has_failed_the_candidates_left_fail_for_infrastructure_naming_the_last_failure()
    {
        var a = new PoolBoard("a") { FailsAt = 1 };
        var b = new PoolBoard("b") { FailsAt = 1 };
        var pool = new BoardPool([a, b]);

        var batch = await pool.MeasureManyAsync(Five, CancellationToken.None);

        Assert.Equal(2, batch.Measured.Count);
        Assert.Equal(3, batch.Failed.Count);
        Assert.Equal([1, 2, 3, 4, 5], batch.Measured.Keys.Concat(batch.Failed.Keys).Order());
        Assert.All(batch.Failed.Values, e => Assert.Contains("the link went down", e.Message));
        Assert.Equal(["a", "b"], pool.Lost.Order());
        var e = await Assert.ThrowsAsync<InfrastructureFailureException>(() => pool.MeasureAsync(PoolBoard.Candidate(6), CancellationToken.None));
        Assert.StartsWith("no board left to measure #6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_batch_stops()
    {
        using var cancel = new CancellationTokenSource();
        Task Cancel(QSLM.Search.Tiers.Candidate _)
        {
            cancel.Cancel();
            return Task.CompletedTask;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new BoardPool([new PoolBoard("a") { Before = Cancel }, new PoolBoard("b") { Before = Cancel }]).MeasureManyAsync(Five, cancel.Token));
    }

    [Fact]
    public void Boards_are_named_once()
    {
        Assert.Throws<ArgumentException>(() => new BoardPool([new PoolBoard("a"), new PoolBoard("a")]));
        Assert.Equal("a, b", new BoardPool([new PoolBoard("a"), new PoolBoard("b")]).Board);
    }
}
