using QSLM.Boards.Tests.Fixtures;
using QSLM.Format.Tests.Packed.Damage;
using QSLM.Protocol;
using QSLM.Protocol.Messages;

namespace QSLM.Boards.Tests.Sessions;

/// <summary>A sample of the corruption suite put by put-model to the real agent's <c>serve</c>: each is
/// refused with a coded error, nothing is stored or listed, and the agent goes on serving.</summary>
public sealed class DamagedModelUploadTests
{
    [Fact]
    public async Task Damaged_uploads_are_refused_with_a_code_nothing_is_stored_and_the_agent_serves_on()
    {
        await using var agent = await RawAgent.StartAsync();
        var original = await File.ReadAllBytesAsync(DamagedFiles.WriteBase(agent.Temp.File("base.qslm")));
        foreach (var damage in new[] { DamageClass.OverflowingSize, DamageClass.RawBitFlip, DamageClass.ArchitectureLie, DamageClass.NonFinite, DamageClass.DuplicateKey })
        {
            var file = DamagedFiles.Generate(damage, original, 1).Single();
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes));
            var reply = Assert.IsType<ErrorReply>(await agent.AskAsync(new PutModel(sha, file.Bytes.Length, 0, file.Bytes)));
            Assert.Equal(ErrorCodes.ModelInvalid, reply.Code);
            Assert.Empty(Directory.EnumerateFiles(agent.ModelsFolder));
            var hello = Assert.IsType<HelloReply>(await agent.AskAsync(new Hello(ProtocolLimits.Version, "test")));
            Assert.Empty(hello.Models);
        }
        var sha0 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
        Assert.Equal(new ModelStatus(sha0, original.Length, true), await agent.AskAsync(new PutModel(sha0, original.Length, 0, original)));
        Assert.IsType<RunResult>(await agent.RunAsync(sha0));
    }
}
