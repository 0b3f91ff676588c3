using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>
/// Protocol 2's expect-model: the agent hashes a partial copy that another process (SFTP on a real
/// board, the test here) appends to, and the empty put-model that finalizes it still moves the copy
/// into place only when its bytes hash to the model's name. Outcomes only: which read path the agent
/// took (streamed hash or whole-file hash) depends on scheduling and is not asserted.
/// </summary>
public sealed class ExpectModelTests
{
    [Fact]
    public async Task A_copy_written_by_another_process_after_expect_model_is_verified_and_moved_into_place()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        Assert.Equal(new ModelStatus(sha, 0, false), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes, 0);

        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, [])));
        Assert.Equal(sha, ModelHash.OfFile(agent.CompletePath(sha)));
        Assert.False(File.Exists(agent.PartialPath(sha)));
        Assert.IsType<RunResult>(await agent.RunAsync(sha));
    }

    [Fact]
    public async Task A_copy_hashed_while_it_arrived_that_does_not_match_is_discarded_and_never_run()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var claimed = ModelHash.OfFile(TinyModels.Write(agent.Temp.File("other.qslm"), seed: 4));
        Assert.Equal(bytes.Length, new FileInfo(agent.Temp.File("other.qslm")).Length); // same size, other bytes

        await agent.AskAsync(new ExpectModel(claimed, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(claimed), bytes, 0);

        var error = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(claimed, bytes.Length, bytes.Length, [])));
        Assert.Equal(ErrorCodes.HashMismatch, error.Code);
        Assert.Equal(0, error.BytesHeld);
        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
        Assert.Equal(ErrorCodes.ModelMissing, Assert.IsType<ErrorReply>(await agent.RunAsync(claimed)).Code);
    }

    [Fact]
    public async Task A_copy_restarted_from_scratch_while_it_was_hashed_is_judged_by_its_final_bytes()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        await agent.AskAsync(new ExpectModel(sha, bytes.Length));
        // Wrong bytes of the right length first (what the agent may already have hashed), then the copy is
        // truncated and written again: only the final bytes count.
        await AppendInPiecesAsync(agent.PartialPath(sha), new byte[bytes.Length], 0);
        await using (var stream = new FileStream(agent.PartialPath(sha), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            await stream.WriteAsync(bytes);

        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, [])));
        Assert.Equal(sha, ModelHash.OfFile(agent.CompletePath(sha)));
    }

    [Fact]
    public async Task A_copy_changed_after_its_bytes_arrived_is_never_run()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        await agent.AskAsync(new ExpectModel(sha, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes, 0);
        // A byte in the middle changes after it landed, so the agent may have hashed it before or after.
        await using (var stream = new FileStream(agent.PartialPath(sha), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Position = bytes.Length / 2;
            stream.WriteByte((byte)(bytes[bytes.Length / 2] ^ 0x40));
        }

        // Refused when it is finalized, or (when the change slipped in behind the agent's reads within one
        // tick of the file clock) moved into place but refused by the hash before the run: never run.
        var finalized = await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, []));
        if (finalized is ErrorReply error)
        {
            Assert.Equal(ErrorCodes.HashMismatch, error.Code);
            Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
        }
        else
        {
            Assert.Equal(new ModelStatus(sha, bytes.Length, true), finalized);
        }
        var run = Assert.IsType<ErrorReply>(await agent.RunAsync(sha));
        Assert.Contains(run.Code, new[] { ErrorCodes.HashMismatch, ErrorCodes.ModelMissing });
        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
    }

    [Fact]
    public async Task An_interrupted_copy_resumes_from_the_bytes_the_agent_reports()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));
        var half = bytes.Length / 2;

        await agent.AskAsync(new ExpectModel(sha, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes.AsMemory(0, half), 0);
        // The upload broke; the next attempt asks again and goes on from what is there.
        Assert.Equal(new ModelStatus(sha, half, false), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes.AsMemory(half), half);

        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, [])));
        Assert.Equal(sha, ModelHash.OfFile(agent.CompletePath(sha)));
    }

    [Fact]
    public async Task Expect_model_reports_a_stored_model_complete_discards_an_overlong_copy_and_keeps_the_caps()
    {
        await using var agent = await RawAgent.StartAsync(["--max-model-bytes", "2000000"]);
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        // One answer first: the agent makes its models folder as it starts.
        Assert.Equal(new ModelStatus(sha, 0, false), await agent.AskAsync(new QueryModel(sha)));
        await File.WriteAllBytesAsync(agent.PartialPath(sha), new byte[bytes.Length + 10]);
        Assert.Equal(new ModelStatus(sha, 0, false), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));
        Assert.False(File.Exists(agent.PartialPath(sha)));

        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, 0, bytes)));
        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));

        Assert.Equal(ErrorCodes.TooLarge, Assert.IsType<ErrorReply>(await agent.AskAsync(new ExpectModel(new string('a', 64), 2_000_001))).Code);
        Assert.Equal(ErrorCodes.BadRequest, Assert.IsType<ErrorReply>(await agent.AskAsync(new ExpectModel("../../etc/passwd", 10))).Code);
    }

    [Fact]
    public async Task Chunks_sent_after_expect_model_are_stored_as_without_it()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        // The agent stops following the copy, and waits until it is closed, before it appends itself (its own
        // append takes the file exclusively, and the follower may hold it open already).
        Assert.Equal(new ModelStatus(sha, 1000, false), await agent.AskAsync(new PutModel(sha, bytes.Length, 0, bytes[..1000])));
        Assert.Equal(new ModelStatus(sha, 1000, false), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));
        Assert.Equal(new ModelStatus(sha, 2000, false), await agent.AskAsync(new PutModel(sha, bytes.Length, 1000, bytes[1000..2000])));
        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, 2000, bytes[2000..])));
        Assert.Equal(sha, ModelHash.OfFile(agent.CompletePath(sha)));
    }

    /// <summary>Appends as an SFTP server would, a piece at a time, yielding between pieces so that the
    /// agent's hashing can interleave with the writes.</summary>
    private static async Task AppendInPiecesAsync(string path, ReadOnlyMemory<byte> bytes, long offset)
    {
        await using var stream = new FileStream(path, offset == 0 ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        Assert.Equal(offset, stream.Length);
        stream.Position = offset;
        for (var at = 0; at < bytes.Length; at += 64 * 1024)
        {
            await stream.WriteAsync(bytes[at..Math.Min(bytes.Length, at + 64 * 1024)]);
            await stream.FlushAsync();
            await Task.Yield();
        }
    }
}
