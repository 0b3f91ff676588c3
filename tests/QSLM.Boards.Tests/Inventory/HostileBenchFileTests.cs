using QSLM.Boards.Inventory;

namespace QSLM.Boards.Tests.Inventory;

/// <summary>Bench files written carelessly or with ill intent: refused with the file named, never a
/// crash, and never repeating a secret written into them.</summary>
public sealed class HostileBenchFileTests : IDisposable
{
    private const string Secret = "hunter2-Sup3rS3cret";
    private readonly TemporaryFolder _temp = new("qslm-bench-");

    public void Dispose() => _temp.Dispose();

    private static string Ssh(string host = "127.0.0.1", string user = "pi", string key = "id_ed25519", string hostKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") =>
        $"bench: lab\nboards:\n  - name: pi5\n    link: ssh\n    ssh:\n      host: {host}\n      user: {user}\n      key: {key}\n      host_key: {hostKey}\n";

    [Fact]
    public void Flow_nesting_100000_deep_is_refused_without_overflowing_the_stack()
    {
        var yaml = "bench: x\nboards: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(yaml, "/lab/deep.yaml"));
        Assert.StartsWith("/lab/deep.yaml:2:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"nesting deeper than {BenchFile.MaxDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_nesting_100000_deep_is_refused_without_overflowing_the_stack()
    {
        var yaml = "bench: x\nboards:\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n";
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(yaml, "/lab/deep.yaml"));
        Assert.Contains($"nesting deeper than {BenchFile.MaxDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nesting_a_bench_file_needs_is_accepted()
    {
        var bench = BenchFile.Parse("bench: x\nboards:\n  - name: a\n    link: local\n    sensors:\n      - kind: ina219\n        bus: 1\n", "/lab/b.yaml");
        Assert.Single(Assert.Single(bench.Boards).Sensors);
    }

    [Theory]
    [InlineData("pi:" + Secret + "@192.168.1.20", "pi", "'host' holds a user name or password")]
    [InlineData("192.168.1.20", "pi:" + Secret, "'user' holds a password")]
    public void A_password_in_the_address_is_refused_without_repeating_it(string host, string user, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(Ssh(host: host, user: user), "/lab/b.yaml"));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("passwords in bench files are not supported", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_pasted_as_the_host_key_is_not_repeated()
    {
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(Ssh(hostKey: Secret), "/lab/b.yaml"));
        Assert.Contains("host_key is not a SHA-256 fingerprint", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_pasted_as_the_key_path_is_not_repeated()
    {
        var yaml = Ssh(key: $"|\n        -----BEGIN OPENSSH PRIVATE KEY-----\n        {Secret}\n        -----END OPENSSH PRIVATE KEY-----");
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(yaml, "/lab/b.yaml"));
        Assert.Contains("'key' holds a key itself", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_named_with_the_bench_file_line_and_board()
    {
        var path = _temp.File("bench.yaml");
        File.WriteAllText(path, Ssh(key: "keys/absent"));
        var bench = BenchFile.Load(path);

        var e = Assert.Throws<InventoryException>(() => BenchFile.RequireKeyFile(bench, bench.Boards[0]));

        Assert.StartsWith($"{path}:8:12: board 'pi5': the key file {_temp.File("keys/absent")} does not exist", e.Message, StringComparison.Ordinal);
        File.WriteAllText(_temp.File("id"), "");
        File.WriteAllText(path, Ssh(key: "id"));
        var present = BenchFile.Load(path);
        BenchFile.RequireKeyFile(present, present.Boards[0]);
    }
}
