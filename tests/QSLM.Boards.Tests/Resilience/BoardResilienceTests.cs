using Microsoft.Extensions.Time.Testing;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports;
using QSLM.Boards.Transports.Local;

namespace QSLM.Boards.Tests.Resilience;

/// <summary>The breaker and the timeouts on a fake clock: no test waits for real time to pass.</summary>
public sealed class BoardResilienceTests
{
    [Fact]
    public async Task Repeated_infrastructure_failures_mark_the_board_unhealthy_until_the_break_ends()
    {
        using var temp = new TemporaryFolder();
        var time = new FakeTimeProvider();
        var options = new BoardResilienceOptions { MaxRetries = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5, BreakDuration = TimeSpan.FromMinutes(1) };
        var transport = new FlakyTransport(new LocalProcessTransport(BuiltAgent.Launch, temp.File("agent")));
        await using var session = new BoardSession("flaky", transport, options, time);

        for (var i = 0; i < 2; i++)
            Assert.Equal(FailureCodes.ConnectionLost, (await Assert.ThrowsAsync<BoardFailureException>(() => session.ConnectAsync())).Code);
        Assert.Equal(BoardHealth.Unhealthy, session.Health);

        // Unhealthy: refused at once, without touching the board.
        var attempts = transport.Connects;
        transport.Broken = false;
        var refused = await Assert.ThrowsAsync<BoardFailureException>(() => session.ConnectAsync());
        Assert.Equal(FailureCodes.BoardUnhealthy, refused.Code);
        Assert.Equal(attempts, transport.Connects);

        time.Advance(TimeSpan.FromMinutes(1));
        await session.ConnectAsync();
        Assert.Equal(BoardHealth.Healthy, session.Health);
        Assert.Equal(BoardState.AgentReady, session.State);
    }

    [Fact]
    public async Task Candidate_failures_never_open_the_breaker()
    {
        using var temp = new TemporaryFolder();
        var options = new BoardResilienceOptions { MaxRetries = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.1 };
        await using var session = new BoardSession("local", new LocalProcessTransport(BuiltAgent.Launch, temp.File("agent")), options);
        var garbage = TinyModels.WriteGarbage(temp.File("g.qslm"));
        for (var i = 0; i < 4; i++)
            Assert.Equal(FailureClass.Candidate, (await Assert.ThrowsAsync<BoardFailureException>(() => session.RunAsync(garbage, new RunSettings(Tokens: 1)))).Class);
        Assert.Equal(BoardHealth.Healthy, session.Health);
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_stopped_and_counted_against_the_candidate()
    {
        using var temp = new TemporaryFolder();
        var time = new FakeTimeProvider();
        var options = new BoardResilienceOptions { RunTimeout = TimeSpan.FromMinutes(5) };
        // Once the start mark is acknowledged the agent is in a run that will not end: let its five minutes pass.
        var transport = new ClockAfterStartAck(new LocalProcessTransport(BuiltAgent.Launch, temp.File("agent")), time, TimeSpan.FromMinutes(6));
        await using var session = new BoardSession("local", transport, options, time);
        var model = TinyModels.Write(temp.File("m.qslm"));
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.RunAsync(model, new RunSettings(Tokens: int.MaxValue, Warmup: 0, Threads: 1)));
        Assert.Equal(FailureCodes.RunTimeout, failure.Code);
        Assert.Equal(FailureClass.Candidate, failure.Class);
        Assert.Single(session.Failures);
        Assert.Equal(BoardState.Unknown, session.State); // the hung agent was killed
        Assert.True(ProcessTree.WaitUntilNoneRunningIn(temp.File("agent")), "the timed-out agent still runs");
        Assert.Equal(BoardHealth.Healthy, session.Health);
    }

    /// <summary>A transport whose board cannot be reached while <see cref="Broken"/> is set.</summary>
    private sealed class FlakyTransport(IBoardTransport inner) : IBoardTransport
    {
        public bool Broken { get; set; } = true;

        public int Connects { get; private set; }

        public string Description => "flaky " + inner.Description;

        public IModelUploader? Uploader => inner.Uploader;

        public Task ConnectAsync(CancellationToken cancellationToken)
        {
            Connects++;
            return Broken ? throw new IOException("no route to board") : inner.ConnectAsync(cancellationToken);
        }

        public Task<IAgentChannel> StartAgentAsync(CancellationToken cancellationToken) => inner.StartAgentAsync(cancellationToken);

        public Task DisconnectAsync() => inner.DisconnectAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
