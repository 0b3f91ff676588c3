using QSLM.Boards.Benchmarks;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;
using Xunit.Abstractions;

namespace QSLM.Boards.Tests.Benchmarks;

[Collection(SshdCollection.Name)]
public sealed class DeployBenchmarkTests(Sshd sshd, ITestOutputHelper output)
{
    [Fact]
    public async Task Deployment_and_a_plain_sftp_upload_of_the_same_model_are_both_measured_in_one_run()
    {
        using var temp = new TemporaryFolder();
        var model = QSLM.Runtime.Tests.TinySpikeGpt.Write(temp.File("big.qslm"), layers: 2, width: 256, vocab: 3000);
        var sha = ModelHash.OfFile(model);
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), temp.File("board")), BuiltAgent.Bundle(temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport);

        // Twice: the second run must really send the model again, not find it stored.
        for (var run = 0; run < 2; run++)
        {
            var sent = transport.ModelBytesSent;
            var result = await DeployBenchmark.RunAsync(session, transport, model);
            output.WriteLine(result.ToString());
            Assert.Equal(new FileInfo(model).Length, result.Bytes);
            Assert.Equal(result.Bytes, transport.ModelBytesSent - sent);
            Assert.True(result.PlainSftp > TimeSpan.Zero && result.Deploy > TimeSpan.Zero);
        }
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(temp.File("board"), "work", "models", sha + ".qslm")));
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(temp.File("board"), "bench", sha + ".plain")));
    }
}
