using Microsoft.Extensions.Logging;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Sensors.Board;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>hello → put-model → run → results → bye with the real agent as a child process.</summary>
public sealed class LocalSessionTests
{
    [Fact]
    public async Task A_model_is_put_run_and_measured_end_to_end()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var sha = ModelHash.OfFile(model);

        var hello = await board.Session.ConnectAsync();
        Assert.Equal(ProtocolLimits.Version, hello.ProtocolVersion);
        Assert.Equal("linux-x64", hello.RuntimeId);
        Assert.True(hello.ProcessorCount >= 1);
        Assert.NotNull(hello.MemAvailableBytes);
        Assert.Empty(hello.Models);

        var stored = await board.Session.PutModelAsync(model);
        Assert.True(stored.Complete);
        Assert.Equal(new FileInfo(model).Length, stored.BytesHeld);
        Assert.Equal(sha, ModelHash.OfFile(board.StoredModel(sha)));

        var marks = new List<Mark>();
        var result = await board.Session.RunAsync(model, new RunSettings(Tokens: 24, Warmup: 4, Repeats: 3, Threads: 1), (m, _) =>
        {
            marks.Add(m);
            return Task.CompletedTask;
        });
        Assert.Equal(
            [(MarkPhase.Start, 0), (MarkPhase.Stop, 0), (MarkPhase.Start, 1), (MarkPhase.Stop, 1), (MarkPhase.Start, 2), (MarkPhase.Stop, 2)],
            marks.Select(m => (m.Phase, m.Repeat)));
        Assert.Equal(sha, result.Sha256);
        Assert.Equal(3, result.RepeatSeconds.Count);
        Assert.All(result.RepeatSeconds, s => Assert.True(s > 0));
        Assert.Equal(24, result.Tokens);
        Assert.True(result.MultiplyAccumulates > 0);
        Assert.Equal(4, result.LayerSpikeRates.Count);
        Assert.True(result.PeakRssBytes > new FileInfo(model).Length);
        Assert.NotNull(result.MemAvailableBeforeBytes);
        Assert.NotNull(result.MemAvailableAfterBytes);
        Assert.Equal(1, result.Threads);

        // This machine has no power sensor, but every Linux agent reads MemAvailable.
        Assert.Contains((await board.Session.ReadSensorsAsync()).Readings, r => r is { Name: "MemAvailable", Unit: "B" } && r.Source == SourceTag.Measured("meminfo"));
        await board.Session.CloseAsync();
        Assert.Equal(
            [BoardState.Unknown, BoardState.Reachable, BoardState.AgentReady, BoardState.ModelLoaded, BoardState.Running, BoardState.ModelLoaded, BoardState.Unknown],
            board.Session.StateHistory);
        Assert.Empty(board.Session.Failures);
        Assert.Equal(BoardHealth.Healthy, board.Session.Health);
        // Bring-up is information, in the same words as before the logging seam; nothing failed, so no warning.
        var information = board.Log.At(LogLevel.Information);
        Assert.Equal($"{board.Session.Name}: connecting to {board.Session.Description}", information[0]);
        Assert.Contains($"{board.Session.Name}: uploading {sha[..12]}… ({new FileInfo(model).Length} bytes, 0 already there)", information);
        Assert.Empty(board.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_counts_and_a_stored_model_is_not_sent_again()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var settings = new RunSettings(Tokens: 16, Warmup: 0, Repeats: 1, Seed: 9, Threads: 1);
        var first = await board.Session.RunAsync(model, settings);
        await board.Session.CloseAsync();

        var again = await board.Session.RunAsync(model, settings);
        Assert.Single(board.Session.Agent!.Models, m => m.Complete && m.Sha256 == first.Sha256);
        Assert.Single(board.Log.Lines, l => l.Contains("uploading", StringComparison.Ordinal));
        Assert.Equal(first.MultiplyAccumulates, again.MultiplyAccumulates);
        Assert.Equal(first.LayerSpikeRates, again.LayerSpikeRates);
    }

    [Fact]
    public async Task A_run_the_caller_cancels_is_not_a_failure_and_the_next_run_starts_over()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => board.Session.RunAsync(model, new RunSettings(Tokens: int.MaxValue, Threads: 1), (_, _) =>
        {
            cancel.Cancel();
            return Task.CompletedTask;
        }, cancel.Token));
        Assert.Empty(board.Session.Failures);
        Assert.Equal(BoardState.Unknown, board.Session.State);
        Assert.True(ProcessTree.WaitUntilNoneRunningIn(board.AgentFolder), "the cancelled agent still runs");
        Assert.Equal(ModelHash.OfFile(model), (await board.Session.RunAsync(model, new RunSettings(Tokens: 4, Threads: 1))).Sha256);
    }

    [Fact]
    public async Task A_model_the_runtime_refuses_is_a_candidate_failure_and_the_board_stays_healthy()
    {
        await using var board = new LocalBoard();
        var garbage = TinyModels.WriteGarbage(board.HostFile("garbage.qslm"));
        var marks = 0;
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => board.Session.RunAsync(garbage, new RunSettings(Tokens: 4), (_, _) =>
        {
            marks++;
            return Task.CompletedTask;
        }));
        Assert.Equal(FailureClass.Candidate, failure.Class);
        Assert.Equal(ErrorCodes.ModelInvalid, failure.Code);
        // Refused as it lands: a file that is no valid model is never stored, so it never reaches a run.
        Assert.Equal(BoardPhase.Upload, failure.Phase);
        Assert.Equal(0, marks);
        Assert.Single(board.Session.Failures); // not retried
        Assert.Equal(BoardHealth.Healthy, board.Session.Health);
        // The agent answered in step, so the session keeps it and goes on.
        Assert.Equal(BoardState.AgentReady, board.Session.State);
        var good = TinyModels.Write(board.HostFile("m.qslm"));
        Assert.Equal(ModelHash.OfFile(good), (await board.Session.RunAsync(good, new RunSettings(Tokens: 4, Threads: 1))).Sha256);
    }
}
