using QSLM.Format.Tests.Packed;
using QSLM.Format.Tests.Packed.Damage;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Inference;

namespace QSLM.Agent.Tests.Serve;

/// <summary>
/// The corruption suite through the serving agent, in process: every damaged file uploaded by put-model
/// (under the hash of its own bytes, so the store's hash check passes) is refused with a coded error,
/// not stored and never listed by hello, and the agent goes on serving; a file that a re-signed edit left
/// entirely consistent is stored, runs, and gives finite logits.
/// </summary>
public sealed class AgentCorruptionSuiteTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-agent-suite-");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<DamageClass> Classes => new(Enum.GetValues<DamageClass>());

    [Theory]
    [MemberData(nameof(Classes))]
    public async Task A_damaged_upload_is_refused_with_a_code_never_stored_nor_listed_and_the_agent_serves_on(DamageClass damage)
    {
        var agent = new ScriptedAgent(_temp.File("agent"));
        var original = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm")));
        var refused = 0;
        foreach (var file in DamagedFiles.Generate(damage, original))
        {
            var sha = ScriptedAgent.Sha(file.Bytes);
            var reply = await agent.PutAsync(file.Bytes);
            if (reply is ModelStatus { Complete: true })
            {
                Assert.True(file.MayBeConsistent, $"{file} was stored");
                Assert.IsType<RunResult>(await agent.AskAsync(new RunWorkload(sha, 3, 0, 1, 1, 1)));
                AssertFiniteLogits(Path.Combine(agent.ModelsFolder, sha + ".qslm"));
                continue;
            }
            var error = Assert.IsType<ErrorReply>(reply);
            Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Equal(0, error.BytesHeld);
            Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder, sha + ".*"));
            Assert.DoesNotContain(await agent.ListAsync(), m => m.Sha256 == sha);
            Assert.Equal(ErrorCodes.ModelMissing, Assert.IsType<ErrorReply>(await agent.AskAsync(new RunWorkload(sha, 3, 0, 1, 1, 1))).Code);
            refused++;
        }
        Assert.True(refused > 0, $"no {damage} file was refused");
        // Still serving: the undamaged model goes in and runs.
        Assert.Equal(new ModelStatus(ScriptedAgent.Sha(original), original.Length, true), await agent.PutAsync(original));
        Assert.IsType<RunResult>(await agent.AskAsync(new RunWorkload(ScriptedAgent.Sha(original), 3, 0, 1, 1, 1)));
    }

    [Fact]
    public async Task The_overflow_file_put_by_put_model_is_refused_not_stored_never_listed_and_the_agent_serves_on()
    {
        var agent = new ScriptedAgent(_temp.File("agent"));
        var path = DamagedFiles.WriteBase(_temp.File("overflow.qslm"));
        PackedForge.Forge(path, m => m with { Tensors = m.Tensors.Select(t => t.Name == "ln_out.bias" ? t with { Shape = [1, 6917529028177952767], Format = "fp32", FormatId = 1, Length = unchecked(6917529028177952767L * 4) } : t).ToList() });
        var bytes = File.ReadAllBytes(path);

        var error = Assert.IsType<ErrorReply>(await agent.PutAsync(bytes));

        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
        Assert.Contains("too large to address", error.Message);
        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
        Assert.Empty(await agent.ListAsync());
        var good = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("good.qslm")));
        Assert.True(Assert.IsType<ModelStatus>(await agent.PutAsync(good)).Complete);
        Assert.IsType<RunResult>(await agent.AskAsync(new RunWorkload(ScriptedAgent.Sha(good), 3, 0, 1, 1, 1)));
    }

    [Fact]
    public async Task A_model_an_older_agent_stored_that_fails_validation_is_not_listed_after_a_restart_and_never_runs()
    {
        var agent = new ScriptedAgent(_temp.File("agent"));
        await agent.ListAsync(); // creates the store
        var overflow = DamagedFiles.Generate(DamageClass.OverflowingSize, File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm"))), 1).Single().Bytes;
        var nonFinite = DamagedFiles.Generate(DamageClass.NonFinite, File.ReadAllBytes(_temp.File("base.qslm")), 1).Single().Bytes;
        // Stored complete, under their right hashes, as an agent without these checks did.
        File.WriteAllBytes(Path.Combine(agent.ModelsFolder, ScriptedAgent.Sha(overflow) + ".qslm"), overflow);
        File.WriteAllBytes(Path.Combine(agent.ModelsFolder, ScriptedAgent.Sha(nonFinite) + ".qslm"), nonFinite);

        // The layout check at listing catches the overflow; the values are checked when it is opened to run.
        Assert.DoesNotContain(await agent.ListAsync(), m => m.Sha256 == ScriptedAgent.Sha(overflow));
        Assert.Equal(ErrorCodes.ModelMissing, Assert.IsType<ErrorReply>(await agent.AskAsync(new RunWorkload(ScriptedAgent.Sha(overflow), 3, 0, 1, 1, 1))).Code);
        var run = Assert.IsType<ErrorReply>(await agent.AskAsync(new RunWorkload(ScriptedAgent.Sha(nonFinite), 3, 0, 1, 1, 1)));
        Assert.Equal(ErrorCodes.ModelInvalid, run.Code);
        Assert.Contains("non-finite", run.Message);
        Assert.Empty(await agent.ListAsync());
        Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
    }

    [Fact]
    public async Task A_copy_from_another_route_is_refused_at_finalization_by_its_layout_and_at_first_use_by_its_values()
    {
        var agent = new ScriptedAgent(_temp.File("agent"));
        var original = File.ReadAllBytes(DamagedFiles.WriteBase(_temp.File("base.qslm")));
        var lie = DamagedFiles.Generate(DamageClass.ArchitectureLie, original, 1).Single().Bytes;
        var nan = DamagedFiles.Generate(DamageClass.NonFinite, original, 1).Single().Bytes;
        foreach (var bytes in new[] { lie, nan })
        {
            var sha = ScriptedAgent.Sha(bytes);
            await agent.AskAsync(new ExpectModel(sha, bytes.Length));
            File.WriteAllBytes(Path.Combine(agent.ModelsFolder, sha + ".part"), bytes); // as SFTP writes it
            var finalized = await agent.AskAsync(new PutModel(sha, bytes.Length, bytes.Length, []));
            if (bytes == lie)
            {
                Assert.Equal(ErrorCodes.ModelInvalid, Assert.IsType<ErrorReply>(finalized).Code);
                Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
                continue;
            }
            // Moved into place unread (the route's design); the full check when it is opened refuses and deletes it.
            Assert.True(Assert.IsType<ModelStatus>(finalized).Complete);
            Assert.Equal(ErrorCodes.ModelInvalid, Assert.IsType<ErrorReply>(await agent.AskAsync(new RunWorkload(sha, 3, 0, 1, 1, 1))).Code);
            Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
            Assert.Empty(await agent.ListAsync());
        }
    }

    private static void AssertFiniteLogits(string path)
    {
        using var runtime = SpikeGptRuntime.Open(path);
        var state = runtime.NewState();
        var features = new float[runtime.Width];
        var logits = new float[runtime.VocabSize];
        for (var token = 0; token < runtime.VocabSize; token++)
        {
            runtime.Step(token, state, features);
            if (!runtime.HasLmHead) continue;
            runtime.Logits(features, logits);
            Assert.All(logits, v => Assert.True(float.IsFinite(v), $"{path}: logit {v}"));
        }
        if (runtime.Manifest.Architecture.ClassCount > 0)
            Assert.All(runtime.Classify([1, 2, 3]), v => Assert.True(float.IsFinite(v), $"{path}: class logit {v}"));
    }
}
