using QSLM.Boards.Tests.Fixtures;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>The serving agent spoken to message by message: its refusals and caps.</summary>
public sealed class AgentProtocolTests
{
    [Fact]
    public async Task Bytes_that_do_not_hash_to_the_announced_sha256_are_discarded_and_never_run()
    {
        await using var agent = await RawAgent.StartAsync();
        var model = TinyModels.Write(agent.Temp.File("m.qslm"));
        var bytes = await File.ReadAllBytesAsync(model);
        var claimed = ModelHash.OfFile(TinyModels.Write(agent.Temp.File("other.qslm"), seed: 4));

        var error = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(claimed, bytes.Length, 0, bytes)));
        Assert.Equal(ErrorCodes.HashMismatch, error.Code);
        Assert.Equal(0, error.BytesHeld);
        Assert.Equal(new ModelStatus(claimed, 0, false), await agent.AskAsync(new QueryModel(claimed)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(agent.Folder, "models")));

        // Asked to run it anyway, the agent refuses before any mark: nothing ran.
        var refused = Assert.IsType<ErrorReply>(await agent.AskAsync(new RunWorkload(claimed, 4, 0, 1, 1, 1)));
        Assert.Equal(ErrorCodes.ModelMissing, refused.Code);
    }

    [Fact]
    public async Task A_chunk_that_does_not_continue_the_partial_copy_is_refused_with_the_bytes_held()
    {
        await using var agent = await RawAgent.StartAsync();
        var bytes = await File.ReadAllBytesAsync(TinyModels.Write(agent.Temp.File("m.qslm")));
        var sha = ModelHash.OfFile(agent.Temp.File("m.qslm"));
        Assert.Equal(new ModelStatus(sha, 1000, false), await agent.AskAsync(new PutModel(sha, bytes.Length, 0, bytes[..1000])));
        var gap = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(sha, bytes.Length, 2000, bytes[2000..3000])));
        Assert.Equal(ErrorCodes.OffsetMismatch, gap.Code);
        Assert.Equal(1000, gap.BytesHeld);
        var repeat = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(sha, bytes.Length, 0, bytes[..1000])));
        Assert.Equal(1000, repeat.BytesHeld);
        Assert.Equal(new ModelStatus(sha, bytes.Length, true), await agent.AskAsync(new PutModel(sha, bytes.Length, 1000, bytes[1000..])));
    }

    [Fact]
    public async Task Messages_and_models_over_the_caps_are_refused_and_the_session_goes_on()
    {
        await using var agent = await RawAgent.StartAsync(["--max-message-bytes", "4096", "--max-model-bytes", "100000"]);
        var big = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(new string('a', 64), 50_000, 0, new byte[8000])));
        Assert.Equal(ErrorCodes.TooLarge, big.Code);
        var huge = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(new string('a', 64), 100_001, 0, new byte[100])));
        Assert.Equal(ErrorCodes.TooLarge, huge.Code);
        Assert.IsType<HelloReply>(await agent.AskAsync(new Hello(ProtocolLimits.Version, "test")));
    }

    [Fact]
    public async Task Paths_and_versions_the_agent_must_not_accept_are_refused()
    {
        await using var agent = await RawAgent.StartAsync();
        Assert.Equal(ErrorCodes.BadRequest, Assert.IsType<ErrorReply>(await agent.AskAsync(new QueryModel("../../../../etc/passwd"))).Code);
        Assert.Equal(ErrorCodes.BadRequest, Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel("/etc/passwd", 10, 0, new byte[10]))).Code);
        Assert.Equal(ErrorCodes.VersionMismatch, Assert.IsType<ErrorReply>(await agent.AskAsync(new Hello(ProtocolLimits.Version + 1, "test"))).Code);
        Assert.Equal(ErrorCodes.OutOfSequence, Assert.IsType<ErrorReply>(await agent.AskAsync(new MarkAck(MarkPhase.Start, 0))).Code);
        Assert.Equal(["models"], Directory.EnumerateFileSystemEntries(agent.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_agent_whose_folder_leads_through_a_symbolic_link_refuses_to_start()
    {
        using var temp = new TemporaryFolder();
        Directory.CreateDirectory(temp.File("elsewhere"));
        Directory.CreateDirectory(temp.File("agent"));
        Directory.CreateSymbolicLink(temp.File("agent/models"), temp.File("elsewhere"));
        var r = ChildProcess.Run("dotnet", [BuiltAgent.Dll, "serve", "--root", temp.File("agent")], timeoutSeconds: 120);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("symbolic link", r.StdErr, StringComparison.Ordinal);
    }
}
