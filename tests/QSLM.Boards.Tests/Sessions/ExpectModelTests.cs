using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>
/// Protocol 2's expect-model: another process (SFTP on a real board, the test here) appends to the
/// agent's partial copy, and the empty put-model that finalizes it moves the copy into place once its
/// length is right. The hash before every use is what keeps a wrong copy from ever running.
/// </summary>
public sealed class ExpectModelTests
{
    [Fact]
    public async Task A_copy_written_by_another_process_after_expect_model_is_moved_into_place_and_runs()
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
    public async Task A_copy_from_another_route_that_does_not_match_its_name_is_refused_at_first_use_deleted_and_never_run()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var claimed = ModelHash.OfFile(TinyModels.Write(agent.Temp.File("other.qslm"), seed: 4));
        Assert.Equal(bytes.Length, new FileInfo(agent.Temp.File("other.qslm")).Length); // same size, other bytes

        await agent.AskAsync(new ExpectModel(claimed, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(claimed), bytes, 0);
        Assert.Equal(new ModelStatus(claimed, bytes.Length, true), await agent.AskAsync(new PutModel(claimed, bytes.Length, bytes.Length, [])));

        // Refused before any mark, and gone: the host's next put sends it again.
        var run = Assert.IsType<ErrorReply>(await agent.RunAsync(claimed));
        Assert.Equal(ErrorCodes.HashMismatch, run.Code);
        Assert.Equal(0, run.BytesHeld);
        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
        Assert.Equal(new ModelStatus(claimed, 0, false), await agent.AskAsync(new QueryModel(claimed)));
    }

    [Fact]
    public async Task A_copy_that_ends_short_of_the_model_is_not_moved_into_place()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        await agent.AskAsync(new ExpectModel(sha, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes.AsMemory(0, bytes.Length - 1), 0);

        var early = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, [])));
        Assert.Equal(ErrorCodes.OffsetMismatch, early.Code);
        Assert.Equal(bytes.Length - 1, early.BytesHeld);
        Assert.False(File.Exists(agent.CompletePath(sha)));
        Assert.Equal(ErrorCodes.ModelMissing, Assert.IsType<ErrorReply>(await agent.RunAsync(sha)).Code);
    }

    [Fact]
    public async Task A_copy_changed_after_it_was_moved_into_place_is_never_run()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));

        await agent.AskAsync(new ExpectModel(sha, bytes.Length));
        await AppendInPiecesAsync(agent.PartialPath(sha), bytes, 0);
        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, [])));
        Assert.IsType<RunResult>(await agent.RunAsync(sha));
        await using (var stream = new FileStream(agent.CompletePath(sha), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Position = bytes.Length / 2;
            stream.WriteByte((byte)(bytes[bytes.Length / 2] ^ 0x40));
        }

        Assert.Equal(ErrorCodes.HashMismatch, Assert.IsType<ErrorReply>(await agent.RunAsync(sha)).Code);
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

        // Chunks the agent writes itself are hashed when the last one lands, announced or not.
        Assert.Equal(new ModelStatus(sha, 1000, false), await agent.AskAsync(new PutModel(sha, bytes.Length, 0, bytes[..1000])));
        Assert.Equal(new ModelStatus(sha, 1000, false), await agent.AskAsync(new ExpectModel(sha, bytes.Length)));
        Assert.Equal(new ModelStatus(sha, 2000, false), await agent.AskAsync(new PutModel(sha, bytes.Length, 1000, bytes[1000..2000])));
        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, 2000, bytes[2000..])));
        Assert.Equal(sha, ModelHash.OfFile(agent.CompletePath(sha)));

        var claimed = ModelHash.OfFile(TinyModels.Write(agent.Temp.File("other.qslm"), seed: 4));
        await agent.AskAsync(new ExpectModel(claimed, bytes.Length));
        var wrong = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(claimed, bytes.Length, 0, bytes)));
        Assert.Equal(ErrorCodes.HashMismatch, wrong.Code);
        Assert.False(File.Exists(agent.PartialPath(claimed)));
    }

    /// <summary>Appends as an SFTP server would, a piece at a time.</summary>
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
