using QSLM.Boards.Inventory;
using QSLM.Boards.Transports.Local;

namespace QSLM.Boards.Tests.Inventory;

public sealed class BenchFileTests
{
    [Fact]
    public void Every_bench_file_in_the_repository_loads_and_names_only_loopback_hosts()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "hardware"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bench = BenchFile.Load(file);
            Assert.NotEmpty(bench.Boards);
            Assert.All(bench.Boards.Where(b => b.Ssh is not null), b => Assert.StartsWith("127.", b.Ssh!.Host, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_example_lab_reads_every_kind_of_link_and_its_wiring()
    {
        var bench = BenchFile.Load(Path.Combine(RepositoryFiles.Root, "hardware", "example-lab.yaml"));
        Assert.Equal("example-lab", bench.Name);
        var pi = bench.Boards[0];
        Assert.Equal(BoardLink.Ssh, pi.Link);
        Assert.Equal(2222, pi.Ssh!.Port);
        Assert.Equal("rpi4-ina219", pi.Profile);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh/qslm_ed25519"), pi.Ssh.KeyPath);
        Assert.Equal(new SensorWiring("ina219", 1, 0x40, 0.1, "board"), Assert.Single(pi.Sensors));
        Assert.Equal(2223, bench.Boards[1].Ssh!.Port);
        Assert.Equal(new SerialEntry("/dev/ttyUSB0", 115200), bench.Boards[2].Serial);
        Assert.Equal([new MeterEntry("ina219:1:0x40:0.1", MeterPlacement.Board)], pi.Meters);
        Assert.Equal([new MeterEntry("ina219:1:0x41:0.1", MeterPlacement.Host)], bench.Boards[1].Meters);
        var local = BenchFile.Load(Path.Combine(RepositoryFiles.Root, "hardware", "local.yaml"));
        Assert.Equal("qemu-aarch64", local.Boards.Single(b => b.Name == "qemu-arm64").Emulator);
    }

    [Theory]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n   bad: indent\n", 5, "")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    colour: red\n", 5, "unknown key 'colour'")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: carrier-pigeon\n", 3, "link must be local, ssh or serial")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: ssh\n    ssh:\n      host: 127.0.0.1\n      user: u\n      key: k\n", 6, "must pin its host key")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: ssh\n    ssh:\n      host: 127.0.0.1\n      user: u\n      key: k\n      host_key: SHA256:abc\n", 6, "is not a SHA-256 fingerprint")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: ssh\n    ssh:\n      host: 127.0.0.1\n      port: 70000\n      user: u\n      key: k\n      known_hosts: kh\n", 7, "'port' must be a whole number from 1 to 65535")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n  - name: a\n    link: local\n", 5, "two boards are named 'a'")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    serial:\n      device: /dev/ttyS0\n", 3, "'serial' belongs to serial boards")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: serial\n", 3, "needs a 'serial' section")]
    [InlineData("bench: x\nboards: []\n", 1, "at least one board")]
    [InlineData("boards:\n  - name: a\n    link: local\n", 1, "'bench' is required")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    meters:\n      - spec: pmic\n        on: wall\n", 7, "a meter is on the board or on the host")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    meters:\n      - spec: \"\"\n        on: host\n", 6, "board 'a': a meter's 'spec' must be a sensor spec")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    meters:\n      - on: host\n", 6, "'spec' is required")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    meters:\n      - spec: ina219:1:0x40\n        rail: x\n", 7, "unknown key 'rail'")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    meters: pmic\n", 5, "'meters' must be a list")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: serial\n    serial:\n      device: /dev/ttyS0\n    simulated_board: sim.json\n", 3, "'simulated_board' belongs to local boards")]
    [InlineData("bench: x\nboards:\n  - name: a\n    link: local\n    simulated_board: no-such-board.json\n", 5, "simulated board file /lab/no-such-board.json does not exist")]
    public void A_bad_bench_file_is_refused_with_its_line(string yaml, int line, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => BenchFile.Parse(yaml, "/lab/bench.yaml"));
        Assert.Equal(line, e.Line);
        Assert.True(e.Column >= 1);
        Assert.StartsWith($"/lab/bench.yaml:{line}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_say_where_each_sits_and_default_to_the_board()
    {
        var bench = BenchFile.Parse("bench: x\nboards:\n  - name: a\n    link: local\n    meters:\n      - spec: ina219:1:0x40:0.1\n        on: host\n      - spec: pmic\n  - name: b\n    link: local\n", "/lab/bench.yaml");

        Assert.Equal([new MeterEntry("ina219:1:0x40:0.1", MeterPlacement.Host), new MeterEntry("pmic", MeterPlacement.Board)], bench.Boards[0].Meters);
        Assert.Empty(bench.Boards[1].Meters);
    }

    [Fact]
    public void A_local_boards_simulated_board_file_is_found_beside_the_bench_and_given_to_its_agent()
    {
        using var temp = new TemporaryFolder("qslm-bench-simulated-");
        File.WriteAllText(temp.File("sim.json"), "{}");
        var bench = BenchFile.Parse("bench: x\nboards:\n  - name: a\n    link: local\n    simulated_board: sim.json\n  - name: b\n    link: local\n", temp.File("bench.yaml"));

        Assert.Equal(temp.File("sim.json"), bench.Boards[0].SimulatedBoard);
        Assert.Null(bench.Boards[1].SimulatedBoard);
        var transport = BoardTransports.Create(bench.Boards[0], new AgentDeployment(AgentLaunch.Executable("/opt/qslm-agent"), temp.File("boards")));
        var options = Assert.IsType<LocalProcessTransport>(transport).ServeOptions;
        Assert.Equal(["--sensors-root", Path.Combine(temp.File("boards"), "a.sensors"), "--simulate-board", temp.File("sim.json")], options);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_bench_file()
    {
        var bench = BenchFile.Parse("bench: x\nboards:\n  - name: a\n    link: ssh\n    ssh:\n      host: 127.0.0.1\n      user: u\n      key: keys/id\n      known_hosts: ../kh\n", "/lab/benches/b.yaml");
        Assert.Equal("/lab/benches/keys/id", bench.Boards[0].Ssh!.KeyPath);
        Assert.Contains("/lab/kh", bench.Boards[0].Ssh!.HostKey.Source, StringComparison.Ordinal);
    }
}
