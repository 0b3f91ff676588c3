using QSLM.Boards.Failures;
using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;

namespace QSLM.Boards.Tests.Transports.Ssh;

/// <summary>Over SSH a model goes into the agent's store by SFTP (protocol 2's expect-model) and is
/// checked against its name before every use, against a real sshd on 127.0.0.1.</summary>
[Collection(SshdCollection.Name)]
public sealed class SshModelUploadTests(Sshd sshd) : IDisposable
{
    private static readonly BoardResilienceOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(50), MaxRetries = 2 };
    private readonly TemporaryFolder _temp = new("qslm-ssh-upload-test-");

    [Fact]
    public async Task Bytes_damaged_on_the_way_are_refused_before_use_sent_again_on_each_retry_and_never_run()
    {
        var remote = _temp.File("board");
        var model = TinyModels.Write(_temp.File("m.qslm"));
        var sha = ModelHash.OfFile(model);
        Directory.CreateDirectory(_temp.File("scratch"));
        var ssh = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), remote), BuiltAgent.Bundle(_temp.File("bundle")));
        var transport = new CorruptingUploader(ssh, _temp.File("scratch"));
        await using var session = new BoardSession("ssh", transport, Fast);

        var marks = 0;
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.RunAsync(model, new RunSettings(Tokens: 4, Threads: 1), (_, _) =>
        {
            marks++;
            return Task.CompletedTask;
        }));

        Assert.Equal(ErrorCodes.HashMismatch, failure.Code);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(0, marks);
        Assert.Equal(1 + Fast.MaxRetries, transport.Uploads); // sent again on each retry, refused before each run
        Assert.All(session.Failures, f => Assert.Equal(ErrorCodes.HashMismatch, f.Code));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(remote, "work", "models")));
    }

    [Fact]
    public async Task A_model_sent_by_sftp_is_stored_under_its_hash_and_the_session_times_each_phase()
    {
        var remote = _temp.File("board");
        var model = TinyModels.Write(_temp.File("m.qslm"));
        var sha = ModelHash.OfFile(model);
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), remote), BuiltAgent.Bundle(_temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport, Fast);

        Assert.True((await session.PutModelAsync(model)).Complete);
        var sent = Assert.IsType<UploadTimings>(session.LastUpload);
        Assert.True(sent.Sent);
        Assert.Equal(0, sent.ResumedFrom);
        Assert.True(sent.Transfer > TimeSpan.Zero && sent.Finalize > TimeSpan.Zero);
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(remote, "work", "models", sha + ".qslm")));
        Assert.False(File.Exists(Path.Combine(remote, "work", "models", sha + ".part")));

        // Already there: the question alone, nothing sent, nothing to finalize.
        Assert.True((await session.PutModelAsync(model)).Complete);
        var skipped = Assert.IsType<UploadTimings>(session.LastUpload);
        Assert.False(skipped.Sent);
        Assert.Equal(TimeSpan.Zero, skipped.Transfer + skipped.Finalize);
        Assert.Equal(new FileInfo(model).Length, transport.ModelBytesSent);
    }

    public void Dispose() => _temp.Dispose();
}
