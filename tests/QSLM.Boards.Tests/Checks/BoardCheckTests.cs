using QSLM.Boards.Checks;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Resilience;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;
using QSLM.Boards.Transports.Local;
using QSLM.Boards.Transports.Ssh;

namespace QSLM.Boards.Tests.Checks;

[Collection(SshdCollection.Name)]
public sealed class BoardCheckTests(Sshd sshd)
{
    [Fact]
    public async Task Each_board_is_reported_with_its_state_agent_and_sensors_and_a_bad_one_hides_no_other()
    {
        using var temp = new TemporaryFolder();
        var options = new BoardResilienceOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20) };
        BoardSession[] boards =
        [
            new("refused", new SshTransport(sshd.Address(HostKeyPin.KnownHosts(sshd.PathOf("known_hosts_changed")), temp.File("ssh-board")), BuiltAgent.Bundle(temp.File("bundle"))), options),
            new("local", new LocalProcessTransport(BuiltAgent.Launch, temp.File("local-board")), options),
            new("ssh", new SshTransport(sshd.Address(HostKeyPin.Fingerprint(sshd.HostKeyFingerprint), temp.File("ssh-board")), BuiltAgent.Bundle(temp.File("bundle"))), options),
        ];
        try
        {
            var reports = await BoardCheck.RunAsync(boards);

            Assert.Equal(["refused", "local", "ssh"], reports.Select(r => r.Board));
            var all = string.Join("\n", reports.Select(r => r.Describe())); // shown if an assertion below fails
            var refused = reports[0];
            Assert.True(refused is { State: BoardState.Unknown, Agent: null, Failure.Code: FailureCodes.HostKeyRefused }, all);
            Assert.Contains($"127.0.0.1:{sshd.Port}", refused.Reached, StringComparison.Ordinal);
            foreach (var ok in reports.Skip(1))
            {
                Assert.True(ok.State == BoardState.AgentReady && ok.Failure is null, all);
                Assert.Equal(BoardHealth.Healthy, ok.Health);
                Assert.False(string.IsNullOrEmpty(ok.Agent!.AgentVersion));
                Assert.Equal("linux-x64", ok.Agent.RuntimeId);
                Assert.NotNull(ok.Sensors);
            }
            Assert.All(boards, b => Assert.Equal(BoardState.Unknown, b.State)); // each said bye
            Assert.Contains("Unknown, Healthy; infrastructure failure host-key-refused: host key of 127.0.0.1:", refused.Describe(), StringComparison.Ordinal);
            Assert.Contains("AgentReady, Healthy; agent ", reports[1].Describe(), StringComparison.Ordinal);
            Assert.EndsWith("(measured:meminfo)", reports[1].Describe(), StringComparison.Ordinal); // MemAvailable, on any machine
        }
        finally
        {
            foreach (var b in boards) await b.DisposeAsync();
        }
    }
}
