using Microsoft.Extensions.Logging;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>The agent killed (SIGKILL) mid-upload and mid-run, and a stored model corrupted on the
/// board: each is an infrastructure failure, retried, and ends with the right bytes run and nothing lost.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task An_agent_killed_mid_upload_is_restarted_and_the_upload_resumes_where_it_stopped()
    {
        await using var board = new LocalBoard(chunkBytes: 64 << 10);
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var size = new FileInfo(model).Length;
        var sha = ModelHash.OfFile(model);
        long killedAt = 0;
        var status = await board.Session.PutModelAsync(model, held =>
        {
            if (killedAt == 0 && held >= size / 2)
            {
                killedAt = held;
                board.KillAgent();
            }
        });

        Assert.True(status.Complete);
        Assert.Equal(sha, ModelHash.OfFile(board.StoredModel(sha)));
        var failure = Assert.Single(board.Session.Failures);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(BoardPhase.Upload, failure.Phase);
        Assert.True(failure.Transient);
        // The failure is a warning in the log, in the words of its message; the bring-up is not.
        Assert.Equal([failure.Message], board.Log.At(LogLevel.Warning));
        // The restarted agent's hello reported the partial copy, and the upload went on from there.
        var partial = Assert.Single(board.Session.Agent!.Models);
        Assert.False(partial.Complete);
        Assert.Equal(killedAt, partial.BytesHeld);
        Assert.Equal(BoardHealth.Healthy, board.Session.Health);
    }

    [Fact]
    public async Task An_agent_killed_mid_run_is_restarted_and_the_run_is_measured_again()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var marks = new List<(string, int)>();
        var killed = false;
        var result = await board.Session.RunAsync(model, new RunSettings(Tokens: 16, Warmup: 2, Repeats: 2, Threads: 1), (mark, _) =>
        {
            marks.Add((mark.Phase, mark.Repeat));
            if (!killed && mark is { Phase: MarkPhase.Start, Repeat: 1 })
            {
                killed = true;
                board.KillAgent();
            }
            return Task.CompletedTask;
        });

        Assert.Equal(2, result.RepeatSeconds.Count);
        // The killed attempt's marks, then a complete fresh attempt.
        Assert.Equal([("start", 0), ("stop", 0), ("start", 1), ("start", 0), ("stop", 0), ("start", 1), ("stop", 1)], marks);
        var failure = Assert.Single(board.Session.Failures);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(BoardPhase.Run, failure.Phase);
        // A write into the dead agent's pipe (broken pipe) or a read of its closed output (end of stream).
        Assert.Contains(failure.Code, new[] { FailureCodes.AgentLost, FailureCodes.ConnectionLost });
        Assert.True(failure.Transient);
        Assert.Contains(BoardState.Unknown, board.Session.StateHistory.Skip(1));
        Assert.Equal(BoardState.ModelLoaded, board.Session.State);
    }

    [Fact]
    public async Task A_stored_model_whose_bytes_changed_is_never_run_and_is_put_again()
    {
        await using var board = new LocalBoard();
        var model = TinyModels.Write(board.HostFile("m.qslm"));
        var sha = ModelHash.OfFile(model);
        await board.Session.PutModelAsync(model);
        var stored = board.StoredModel(sha);
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(stored, bytes);

        var marks = 0;
        var result = await board.Session.RunAsync(model, new RunSettings(Tokens: 8, Threads: 1), (_, _) =>
        {
            marks++;
            return Task.CompletedTask;
        });

        var failure = Assert.Single(board.Session.Failures);
        Assert.Equal(ErrorCodes.HashMismatch, failure.Code);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(2, marks); // only the run on the re-sent, verified bytes
        Assert.Equal(sha, result.Sha256);
        Assert.Equal(sha, ModelHash.OfFile(stored));
    }
}
