using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Ssh;
using QSLM.Protocol;

namespace QSLM.Boards.Tests.Transports.Ssh;

/// <summary>The SSH board against a real OpenSSH sshd on 127.0.0.1 (see <see cref="Sshd"/>).</summary>
[Collection(SshdCollection.Name)]
public sealed class SshTransportTests(Sshd sshd) : IDisposable
{
    private static readonly BoardResilienceOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(50), MaxRetries = 4 };
    private readonly TemporaryFolder _temp = new("qslm-ssh-test-");

    [Fact]
    public async Task The_agent_and_a_model_are_deployed_by_sftp_once_and_run_over_an_exec_channel()
    {
        var remote = _temp.File("board");
        var bundle = BuiltAgent.Bundle(_temp.File("bundle"));
        var model = TinyModels.Write(_temp.File("m.qslm"));
        var sha = ModelHash.OfFile(model);
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), remote), bundle);
        var log = new RecordingLog();
        await using (var session = new BoardSession("ssh", transport, Fast, log: log))
        {
            var hello = await session.ConnectAsync();
            Assert.Equal("linux-x64", hello.RuntimeId);
            var result = await session.RunAsync(model, new RunSettings(Tokens: 8, Repeats: 2, Threads: 1));
            Assert.Equal(sha, result.Sha256);
            Assert.Equal(2, result.RepeatSeconds.Count);
            Assert.Equal(1, transport.AgentUploads);
            Assert.Equal(new FileInfo(model).Length, transport.ModelBytesSent);
            Assert.Equal("ssh-ed25519 " + sshd.HostKeyFingerprint, transport.PresentedHostKey);
        }
        Assert.True(File.Exists(Path.Combine(remote, "agents", bundle.Hash[..16], ".complete")));
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(remote, "work", "models", sha + ".qslm")));

        // A second session finds both in place and sends neither again.
        var again = new SshTransport(sshd.Address(HostKeyPin.Fingerprint(sshd.HostKeyFingerprint), remote), bundle);
        await using (var session = new BoardSession("ssh", again, Fast))
        {
            Assert.Equal(sha, (await session.RunAsync(model, new RunSettings(Tokens: 8, Threads: 1))).Sha256);
            Assert.Equal(0, again.AgentUploads);
            Assert.Equal(0, again.ModelBytesSent);
            Assert.Empty(session.Failures);
        }
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_naming_the_host_and_both_fingerprints()
    {
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts_changed")), _temp.File("board")), BuiltAgent.Bundle(_temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport, Fast);
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.ConnectAsync());
        Assert.Equal(FailureCodes.HostKeyRefused, failure.Code);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(BoardPhase.Connect, failure.Phase);
        Assert.False(failure.Transient);
        Assert.Single(session.Failures); // never retried into acceptance
        Assert.Contains($"127.0.0.1:{sshd.Port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("has changed", failure.Message, StringComparison.Ordinal);
        Assert.Contains(sshd.HostKeyFingerprint, failure.Message, StringComparison.Ordinal);
        Assert.Contains(sshd.OtherHostKeyFingerprint, failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("board")));
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_not_trusted_on_first_use()
    {
        foreach (var pin in new[] { HostKeyPin.KnownHosts(sshd.PathOf("known_hosts_unknown")), HostKeyPin.Fingerprint(sshd.OtherHostKeyFingerprint) })
        {
            var transport = new SshTransport(sshd.Address(pin, _temp.File("board")), BuiltAgent.Bundle(_temp.File("bundle")));
            await using var session = new BoardSession("ssh", transport, Fast);
            var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.ConnectAsync());
            Assert.Equal(FailureCodes.HostKeyRefused, failure.Code);
            Assert.Contains(sshd.HostKeyFingerprint, failure.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_temp.File("board")));
        }
    }

    [Fact]
    public async Task A_key_the_board_does_not_authorize_is_refused_without_retrying()
    {
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), _temp.File("board"), key: "other_host_key"), BuiltAgent.Bundle(_temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport, Fast);
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.ConnectAsync());
        Assert.Equal(FailureCodes.AuthenticationRefused, failure.Code);
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.False(failure.Transient);
        Assert.Single(session.Failures);
    }

    [Fact]
    public async Task A_hashed_known_hosts_entry_pins_the_key()
    {
        File.Copy(sshd.PathOf("known_hosts"), _temp.File("known_hosts"));
        var r = ChildProcess.Run("ssh-keygen", ["-H", "-f", _temp.File("known_hosts")]);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("|1|", File.ReadAllText(_temp.File("known_hosts")), StringComparison.Ordinal);
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(_temp.File("known_hosts")), _temp.File("board")), BuiltAgent.Bundle(_temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport, Fast);
        Assert.Equal(ProtocolLimits.Version, (await session.ConnectAsync()).ProtocolVersion);
    }

    [Fact]
    public async Task Sshd_killed_during_an_upload_and_restarted_the_upload_resumes_and_the_model_arrives_whole()
    {
        var remote = _temp.File("board");
        var model = TinySpikeGptLarge(_temp.File("big.qslm"));
        var size = new FileInfo(model).Length;
        var sha = ModelHash.OfFile(model);
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), remote), BuiltAgent.Bundle(_temp.File("bundle")));
        var log = new RecordingLog();
        await using var session = new BoardSession("ssh", transport, Fast, log: log);
        await session.ConnectAsync();
        var restarted = false;
        var status = await session.PutModelAsync(model, held =>
        {
            if (restarted || held < size / 3) return;
            restarted = true;
            sshd.Kill();
            sshd.Start();
        });

        Assert.True(restarted);
        Assert.True(status.Complete);
        Assert.Equal(sha, ModelHash.OfFile(Path.Combine(remote, "work", "models", sha + ".qslm")));
        var failure = session.Failures[0];
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(BoardPhase.Upload, failure.Phase);
        Assert.True(failure.Transient);
        Assert.All(session.Failures, f => Assert.Equal(FailureClass.Infrastructure, f.Class));
        // Resumed, not restarted: fewer bytes were sent than two whole copies.
        Assert.Contains(log.Lines, l => l.Contains("upload resumed from byte", StringComparison.Ordinal));
        Assert.True(transport.ModelBytesSent < 2 * size, $"{transport.ModelBytesSent} bytes sent for a {size}-byte model");
        Assert.Equal(BoardHealth.Healthy, session.Health);
        Assert.Equal(sha, (await session.RunAsync(model, new RunSettings(Tokens: 4, Threads: 1))).Sha256);
    }

    [Fact]
    public async Task Sshd_killed_during_a_run_and_restarted_the_run_is_measured_again()
    {
        var model = TinyModels.Write(_temp.File("m.qslm"));
        var transport = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), _temp.File("board")), BuiltAgent.Bundle(_temp.File("bundle")));
        await using var session = new BoardSession("ssh", transport, Fast);
        var starts = 0;
        var result = await session.RunAsync(model, new RunSettings(Tokens: 8, Repeats: 1, Threads: 1), (mark, _) =>
        {
            if (mark.Phase == QSLM.Protocol.Messages.MarkPhase.Start && starts++ == 0)
            {
                sshd.Kill();
                sshd.Start();
            }
            return Task.CompletedTask;
        });
        Assert.Equal(2, starts);
        Assert.Equal(ModelHash.OfFile(model), result.Sha256);
        var failure = session.Failures[0];
        Assert.Equal(FailureClass.Infrastructure, failure.Class);
        Assert.Equal(BoardPhase.Run, failure.Phase);
        Assert.True(failure.Transient);
    }

    [Fact]
    public async Task A_run_past_its_timeout_over_ssh_is_stopped_and_counted_against_the_candidate()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var model = TinyModels.Write(_temp.File("m.qslm"));
        var ssh = new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), _temp.File("board")), BuiltAgent.Bundle(_temp.File("bundle")));
        var transport = new ClockAfterStartAck(ssh, time, TimeSpan.FromMinutes(6));
        await using var session = new BoardSession("ssh", transport, Fast with { RunTimeout = TimeSpan.FromMinutes(5) }, time);
        var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.RunAsync(model, new RunSettings(Tokens: int.MaxValue, Warmup: 0, Threads: 1)));
        Assert.Equal(FailureCodes.RunTimeout, failure.Code);
        Assert.Equal(FailureClass.Candidate, failure.Class);
        Assert.Equal(BoardState.Unknown, session.State);
        // The hung agent was stopped on the board, not left running there (it ran in the board's folder).
        Assert.True(ProcessTree.WaitUntilNoneRunningIn(_temp.File("board")), "the timed-out agent still runs on the board");
    }

    [Fact]
    public async Task Neither_the_key_nor_its_passphrase_reaches_the_log_or_the_errors()
    {
        var address = sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts")), _temp.File("board"), key: "locked_user_key") with { PrivateKeyPassphrase = Sshd.LockedKeyPassphrase };
        var log = new RecordingLog();
        var transport = new SshTransport(address, BuiltAgent.Bundle(_temp.File("bundle")));
        string everything;
        await using (var session = new BoardSession("ssh", transport, Fast, log: log))
        {
            await session.ConnectAsync();
            var failure = await Assert.ThrowsAsync<BoardFailureException>(() => session.RunAsync(TinyModels.WriteGarbage(_temp.File("g.qslm")), new RunSettings(Tokens: 2)));
            everything = string.Join('\n', log.Lines) + failure + address + transport.Description;
        }
        Assert.Contains("locked_user_key", everything, StringComparison.Ordinal); // the path may be named
        Assert.DoesNotContain(Sshd.LockedKeyPassphrase, everything, StringComparison.Ordinal);
        foreach (var line in File.ReadAllLines(sshd.PathOf("locked_user_key")).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))
            Assert.DoesNotContain(line, everything, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>About 9 MB, so the kill lands well inside the upload.</summary>
    private static string TinySpikeGptLarge(string path) => QSLM.Runtime.Tests.TinySpikeGpt.Write(path, layers: 2, width: 256, vocab: 3000);
}
