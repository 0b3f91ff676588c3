namespace QSLM.Cli.Tests.Commands;

/// <summary><c>qslm boards</c> on bench files that are wrong: refused in one line with exit 2 before any
/// agent is published or board connected, and never printing a secret written into them.</summary>
public sealed class BenchFileCommandTests : IDisposable
{
    private const string Secret = "hunter2-Sup3rS3cret";
    private readonly TemporaryFolder _temp = new("qslm-cli-bench-");

    public void Dispose() => _temp.Dispose();

    private string Bench(string host, string key)
    {
        var path = _temp.File("bench.yaml");
        File.WriteAllText(path, $"bench: lab\nboards:\n  - name: pi5\n    link: ssh\n    ssh:\n      host: {host}\n      user: pi\n      key: {key}\n      host_key: SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        return path;
    }

    [Fact]
    public void A_password_in_the_host_is_never_printed_by_list_or_check()
    {
        var bench = Bench($"pi:{Secret}@192.168.1.20", "id_ed25519");
        foreach (var args in new[] { new[] { "boards", "list", bench }, ["boards", "check", bench, "--runs", _temp.File("runs")] })
        {
            var result = QslmProcess.Run(args);
            OneLineError.Assert(result, "passwords in bench files are not supported");
            Assert.DoesNotContain(Secret, result.StdOut + result.StdErr);
        }
    }

    [Fact]
    public void A_missing_key_file_is_bad_input_found_before_any_agent_is_published()
    {
        var bench = Bench("192.168.1.20", "keys/absent");
        var runs = _temp.File("runs");

        var result = QslmProcess.Run("boards", "check", bench, "--runs", runs);

        OneLineError.Assert(result, $"{bench}:8:12: board 'pi5': the key file {_temp.File("keys/absent")} does not exist");
        Assert.False(Directory.Exists(Path.Combine(runs, "agents")), "nothing was published");
    }
}
