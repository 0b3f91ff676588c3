using QSLM.Boards.Checks;
using QSLM.Boards.Health;
using QSLM.Boards.Inventory;
using QSLM.Boards.Sessions;
using QSLM.Boards.Tests.Fixtures;

namespace QSLM.Boards.Tests.Inventory;

/// <summary>From a bench file to a checked bench: the path <c>qslm boards check</c> takes.</summary>
[Collection(SshdCollection.Name)]
public sealed class BenchCheckTests(Sshd sshd)
{
    [Fact]
    public async Task A_bench_file_with_a_local_and_an_ssh_board_is_brought_up_board_by_board()
    {
        using var temp = new TemporaryFolder();
        File.WriteAllText(temp.File("bench.yaml"), $"""
            bench: loopback
            boards:
              - name: here
                link: local
              - name: over-ssh
                link: ssh
                ssh:
                  host: {Sshd.Host}
                  port: {sshd.Port}
                  user: {Sshd.User}
                  key: {sshd.PathOf("user_key")}
                  host_key: {sshd.HostKeyFingerprint}
                  folder: {temp.File("ssh-board")}
            """);
        var bench = BenchFile.Load(temp.File("bench.yaml"));
        var deployment = new AgentDeployment(BuiltAgent.Launch, temp.File("local-boards"), BuiltAgent.Bundle(temp.File("bundle")));
        var sessions = bench.Boards.Select(b => new BoardSession(b.Name, BoardTransports.Create(b, deployment))).ToList();
        try
        {
            var reports = await BoardCheck.RunAsync(sessions);
            Assert.Equal(["here", "over-ssh"], reports.Select(r => r.Board));
            Assert.All(reports, r => Assert.Equal(BoardState.AgentReady, r.State));
            Assert.All(reports, r => Assert.Null(r.Failure));
            Assert.True(Directory.Exists(Path.Combine(temp.File("local-boards"), "here", "models")));
        }
        finally
        {
            foreach (var s in sessions) await s.DisposeAsync();
        }
    }
}
