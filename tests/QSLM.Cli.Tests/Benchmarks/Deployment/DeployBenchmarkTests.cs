using QSLM.Benchmarks.Deployment;
using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Ssh;
using QSLM.Harness.Boards;
using QSLM.Protocol;
using Xunit.Abstractions;

namespace QSLM.Cli.Tests.Benchmarks.Deployment;

public sealed class DeployBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Deployment_and_a_plain_sftp_upload_of_the_same_model_are_both_measured_in_one_run()
    {
        using var temp = new TemporaryFolder();
        using var sshd = new LoopbackSshd(Directory.CreateDirectory(temp.File("sshd")).FullName);
        var model = PackedStandIn.Write(temp.File("big.qslm"), 2_000_000);
        var sha = ModelHash.OfFile(model);
        var address = new SshBoardAddress(LoopbackSshd.Host, sshd.Port, LoopbackSshd.User, sshd.UserKey, HostKeyPin.Fingerprint(sshd.HostKeyFingerprint), temp.File("board"));
        var transport = new SshTransport(address, AgentBuildOutput.CopyFrameworkDependent(AgentArtifacts.AgentDll, temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport);
        await using var plain = await PlainSftp.ConnectAsync(transport.Address, CancellationToken.None);

        // Twice: the second run must really send the model again, not find it stored.
        for (var run = 0; run < 2; run++)
        {
            var sent = transport.ModelBytesSent;
            var result = await DeployBenchmark.RunAsync(session, plain, model);
            output.WriteLine(result.ToString());
            Assert.Equal(new FileInfo(model).Length, result.Bytes);
            Assert.Equal(result.Bytes, transport.ModelBytesSent - sent);
            Assert.True(result.PlainSftp > TimeSpan.Zero && result.Deploy > TimeSpan.Zero);
        }
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(temp.File("board"), "work", "models", sha + ".qslm")));
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(temp.File("board"), "bench", sha + ".plain")));
    }

    [Fact]
    public async Task A_plain_upload_refuses_a_board_whose_host_key_is_not_the_pinned_one()
    {
        using var temp = new TemporaryFolder();
        using var sshd = new LoopbackSshd(Directory.CreateDirectory(temp.File("sshd")).FullName);
        LoopbackSshd.KeyGen(temp.Path, "stranger");
        var address = new SshBoardAddress(LoopbackSshd.Host, sshd.Port, LoopbackSshd.User, sshd.UserKey, HostKeyPin.Fingerprint(LoopbackSshd.Fingerprint(temp.File("stranger.pub"))), temp.File("board"));
        await Assert.ThrowsAsync<HostKeyRefusedException>(() => PlainSftp.ConnectAsync(address, CancellationToken.None));
    }
}
