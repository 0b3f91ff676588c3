using System.Globalization;
using QSLM.Benchmarks.Deployment;

namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm boards list/check</c> and <c>qslm bench deploy</c> as a user runs them, against a
/// private sshd on 127.0.0.1 (<see cref="LoopbackSshd"/>) and the local agent.</summary>
public sealed class BoardsCommandTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-cli-boards-");
    private readonly LoopbackSshd _sshd;

    public BoardsCommandTests()
    {
        _sshd = new LoopbackSshd(Directory.CreateDirectory(_temp.File("sshd")).FullName);
    }

    public void Dispose()
    {
        _sshd.Dispose();
        _temp.Dispose();
    }

    private string Bench(string hostKey)
    {
        var path = _temp.File("bench.yaml");
        File.WriteAllText(path, $"""
            bench: loopback
            boards:
              - name: here
                profile: local
                link: local
              - name: over-ssh
                link: ssh
                ssh:
                  host: {LoopbackSshd.Host}
                  port: {_sshd.Port.ToString(CultureInfo.InvariantCulture)}
                  user: {LoopbackSshd.User}
                  key: {_sshd.UserKey}
                  host_key: {hostKey}
                  folder: {_temp.File("ssh-board")}
            """);
        return path;
    }

    private ChildProcess.Result Check(string bench, params string[] extra) =>
        QslmProcess.Run(["boards", "check", bench, "--board-has-dotnet", "--runs", _temp.File("runs"), .. extra]);

    [Fact]
    public void Boards_check_reports_a_local_and_an_ssh_board_ready_with_agent_and_runtime()
    {
        var result = Check(Bench(_sshd.HostKeyFingerprint));
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("ready: here (", result.StdOut);
        Assert.Contains("ready: over-ssh (ssh ", result.StdOut);
        Assert.Contains("on linux-x64", result.StdOut);
        Assert.Contains("MemAvailable", result.StdOut);
        Assert.Contains("2 boards: 2 ready, 0 infrastructure failures, 0 candidate failures", result.StdOut);
        // A person waiting, or a log, is told what each board is going through.
        Assert.Contains("qslm: over-ssh: preparing its agent, connecting, deploying and starting the agent", result.StdErr);
    }

    [Fact]
    public void A_board_whose_host_key_is_wrong_is_reported_refused_without_hiding_the_other()
    {
        LoopbackSshd.KeyGen(_temp.Path, "stranger");
        var result = Check(Bench(LoopbackSshd.Fingerprint(_temp.File("stranger.pub"))));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ready: here (", result.StdOut);
        Assert.Contains("NOT READY: over-ssh", result.StdOut);
        Assert.Contains("infrastructure failure host-key-refused", result.StdOut);
        Assert.Contains("2 boards: 1 ready, 1 infrastructure failures, 0 candidate failures", result.StdOut);
    }

    [Fact]
    public void An_unknown_board_name_is_refused_naming_the_boards_there_are()
    {
        var result = Check(Bench(_sshd.HostKeyFingerprint), "--board", "nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown board 'nope' in", result.StdErr);
        Assert.Contains("(boards: here, over-ssh)", result.StdErr);
    }

    [Fact]
    public void A_malformed_bench_file_is_refused_with_its_line_and_column()
    {
        var path = _temp.File("bad.yaml");
        File.WriteAllText(path, "bench: x\nboards:\n  - name: a\n    link: local\n    profile: pdp-11\n");
        var result = QslmProcess.Run("boards", "check", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:5:14: board 'a': unknown firmware profile 'pdp-11'", result.StdErr);
        File.WriteAllText(path, "bench: x\nboards:\n  - name: a\n   link: local\n");
        var list = QslmProcess.Run("boards", "list", path);
        Assert.Equal(2, list.ExitCode);
        Assert.Contains($"{path}:4:", list.StdErr);
    }

    [Fact]
    public void Boards_list_shows_link_profile_and_address_but_no_key()
    {
        var result = QslmProcess.Run("boards", "list", Bench(_sshd.HostKeyFingerprint));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("over-ssh", result.StdOut);
        Assert.Contains($"{LoopbackSshd.User}@127.0.0.1:{_sshd.Port.ToString(CultureInfo.InvariantCulture)}", result.StdOut);
        Assert.DoesNotContain(_sshd.UserKey, result.StdOut);
        Assert.DoesNotContain(_sshd.HostKeyFingerprint, result.StdOut);
    }

    [Fact]
    public void Bench_deploy_prints_the_ssh_ratio_and_the_byte_counted_serial_efficiency()
    {
        var model = _temp.File("model.bin");
        File.WriteAllBytes(model, System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 << 20));
        var result = QslmProcess.Run("bench", "deploy", Bench(_sshd.HostKeyFingerprint), "--board", "over-ssh", "--board-has-dotnet", "--model", model, "--repeats", "1");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Matches(@"SSH deploy: plain SFTP [\d.]+ MB/s, deployment [\d.]+ MB/s; ratio [\d.]+ \(median of 1; target >= 0\.80", result.StdOut);
        var line = result.StdOut.Split('\n').Single(l => l.StartsWith("serial efficiency at 16384-byte chunks: ", StringComparison.Ordinal));
        var efficiency = double.Parse(line.Split(' ')[5], CultureInfo.InvariantCulture);
        Assert.True(efficiency >= 0.95, line);
    }
}
