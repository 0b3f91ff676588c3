using QSLM.Protocol.Messages;

namespace QSLM.Agent.Tests.Serve;

/// <summary>Partial uploads are capped in total bytes; the least recently written are evicted first.</summary>
public sealed class PartialUploadQuotaTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-agent-quota-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fifty_abandoned_partial_uploads_never_hold_more_than_the_cap_and_the_oldest_go_first()
    {
        var agent = new ScriptedAgent(_temp.File("agent"), maxModelBytes: 10_000, maxPartialBytes: 25_000);
        var hashes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var model = new byte[10_000];
            new Random(i).NextBytes(model);
            var sha = ScriptedAgent.Sha(model);
            hashes.Add(sha);
            Assert.Equal(new ModelStatus(sha, 4_000, false), await agent.AskAsync(new PutModel(sha, model.Length, 0, model[..4_000])));
            // Written in order: the file times say so even on a coarse clock.
            File.SetLastWriteTimeUtc(Path.Combine(agent.ModelsFolder, sha + ".part"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i));
            var held = Directory.EnumerateFiles(agent.ModelsFolder, "*.part").Sum(f => new FileInfo(f).Length);
            Assert.True(held <= 25_000, $"{held} bytes of partial uploads after upload {i}");
        }
        var left = Directory.EnumerateFiles(agent.ModelsFolder, "*.part").Select(f => Path.GetFileNameWithoutExtension(f)!).ToHashSet();
        Assert.Equal(hashes.TakeLast(6).ToHashSet(), left);
    }

    [Fact]
    public async Task An_expected_upload_by_another_route_makes_room_for_its_whole_model()
    {
        var agent = new ScriptedAgent(_temp.File("agent"), maxModelBytes: 10_000, maxPartialBytes: 12_000);
        var first = new byte[10_000];
        new Random(1).NextBytes(first);
        await agent.AskAsync(new PutModel(ScriptedAgent.Sha(first), first.Length, 0, first[..5_000]));
        var second = ScriptedAgent.Sha(new byte[9_000]);

        Assert.Equal(new ModelStatus(second, 0, false), await agent.AskAsync(new ExpectModel(second, 9_000)));

        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder, "*.part"));
        Assert.Equal(new ModelStatus(ScriptedAgent.Sha(first), 0, false), await agent.AskAsync(new QueryModel(ScriptedAgent.Sha(first))));
    }

    [Fact]
    public void A_cap_smaller_than_the_largest_model_is_refused_at_start()
    {
        var result = AgentProcess.RunBuilt("serve", "--root", _temp.File("agent"), "--max-model-bytes", "1000", "--max-partial-bytes", "999");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-partial-bytes", result.StdErr);
    }
}
