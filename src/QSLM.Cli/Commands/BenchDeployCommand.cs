using System.CommandLine;
using System.Globalization;
using QSLM.Benchmarks.Deployment;
using QSLM.Boards.Inventory;
using QSLM.Boards.Sessions;
using QSLM.Boards.Transports.Ssh;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Harness;
using QSLM.Harness.Boards;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm bench deploy [FILE --board NAME]</c>: model deployment over SSH against a plain SFTP
/// upload of the same file to the same board in the same run, and the serial protocol's byte-counted efficiency.</summary>
internal static class BenchDeployCommand
{
    /// <summary>Issue 5's targets.</summary>
    public const double RatioTarget = 0.80, EfficiencyTarget = 0.95;

    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Bench file holding the SSH board; without it, a private sshd on 127.0.0.1 with throwaway keys (needs /usr/sbin/sshd).", DefaultValueFactory = _ => null };
        var board = new Option<string?>("--board") { Description = "The SSH board of FILE to measure (required with FILE)." };
        var model = new Option<string>("--model") { Description = "File to deploy.", DefaultValueFactory = _ => RepositoryPaths.ReferenceLm }.NotAFolder();
        var repeats = new Option<int>("--repeats") { Description = "Timed runs after one warm-up run; the verdict is the median of the per-run ratios (a single run on loopback lasts about 0.1 s and varies by a factor of two, hence many).", DefaultValueFactory = _ => 40 }.InRange(1, 10_000);
        var dotnet = new Option<bool>("--board-has-dotnet") { Description = "The board has the .NET 10 runtime: deploy the framework-dependent agent (always so for the private sshd, which is this machine)." };
        var command = new Command("deploy", $"Model deployment over SSH (the agent's status, SFTP into its store, the move into place; the host's hash timed apart) against a plain SFTP upload of the same file to the same board, same run; and the serial protocol's payload bytes over wire bytes, counted. Targets: deployment at least {RatioTarget:P0} of plain SFTP, serial at least {EfficiencyTarget:P0}.")
        {
            file, board, model, repeats, dotnet,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"model file {path} does not exist");
            if (parse.GetValue(repeats) < 1) throw new InputException("--repeats must be at least 1");
            return RunAsync(parse.GetValue(file), parse.GetValue(board), path, parse.GetValue(repeats), parse.GetValue(dotnet)).GetAwaiter().GetResult();
        }, usesTorch: false));
        return command;
    }

    private static async Task<int> RunAsync(string? benchPath, string? boardName, string model, int repeats, bool hasDotnet)
    {
        using var temp = new TempFolder();
        LoopbackSshd? sshd = null;
        try
        {
            SshTransport transport;
            string where;
            if (benchPath is null)
            {
                if (boardName is not null) throw new InputException("--board needs a bench FILE");
                if (!File.Exists(LoopbackSshd.Daemon)) throw new InputException($"with no bench file, bench deploy starts a private sshd, but {LoopbackSshd.Daemon} is missing (install openssh-server, or pass FILE --board NAME)");
                sshd = new LoopbackSshd(temp.Create("sshd"));
                var address = new SshBoardAddress(LoopbackSshd.Host, sshd.Port, LoopbackSshd.User, sshd.UserKey, HostKeyPin.Fingerprint(sshd.HostKeyFingerprint), temp.Create("board"));
                transport = new SshTransport(address, new AgentArtifacts().FrameworkDependentBundle());
                where = "a private loopback sshd (this machine; OpenSSH " + LoopbackSshd.Daemon + ")";
            }
            else
            {
                var bench = BoardsCommand.Load(benchPath, BoardSessions.DefaultProfilesFolder);
                var entry = BoardSessions.Find(bench, boardName ?? throw new InputException("--board NAME is required with a bench FILE"));
                if (entry.Link != BoardLink.Ssh) throw new InputException($"board '{entry.Name}' is reached over {entry.Link.ToString().ToLowerInvariant()}; bench deploy measures an SSH board");
                BenchFile.RequireKeyFile(bench, entry);
                var deployment = new AgentArtifacts { BoardsHaveDotnet = hasDotnet }.For(entry, BoardSessions.Profile(entry));
                transport = (SshTransport)BoardTransports.Create(entry, deployment);
                where = $"board {entry.Name} of {bench.Path}";
            }
            await using var session = new BoardSession("deploy-bench", transport);
            await using var plain = await PlainSftp.ConnectAsync(transport.Address, CancellationToken.None).ConfigureAwait(false);
            Terminal.WriteLine($"SSH: {where}, {transport.Description}");
            var given = model;
            model = PackedStandIn.For(given, temp.Create("model"));
            if (model != given) Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{given} is no packed model, and an agent stores only valid ones: deploying a packed stand-in of its size ({new FileInfo(given).Length:N0} bytes) with random weights"));
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {model} ({new FileInfo(model).Length:N0} bytes); 1 warm-up run, then {repeats} timed runs, plain SFTP and deployment in each, the order alternating, each writing a new file"));
            var results = new List<DeployBenchmarkResult>();
            for (var run = 0; run <= repeats; run++)
            {
                // Interleaved: a load spike from elsewhere on the machine must not always land on the same side.
                var result = await DeployBenchmark.RunAsync(session, plain, model, deployFirst: run % 2 == 0).ConfigureAwait(false);
                Terminal.WriteLine((run == 0 ? "warm-up: " : $"run {run}: ") + result);
                if (run > 0) results.Add(result);
            }
            var ratio = Median(results.Select(r => r.Ratio));
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deployment phases (medians): query {Median(results.Select(r => r.Phases.Query.TotalMilliseconds)):F1} ms, transfer {Median(results.Select(r => r.Phases.Transfer.TotalMilliseconds)):F1} ms, finalize {Median(results.Select(r => r.Phases.Finalize.TotalMilliseconds)):F1} ms; plain SFTP {Median(results.Select(r => r.PlainSftp.TotalMilliseconds)):F1} ms"));
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratios per run: {string.Join(", ", results.Select(r => r.Ratio.ToString("F3", CultureInfo.InvariantCulture)))}"));
            Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SSH deploy: plain SFTP {Median(results.Select(r => r.PlainMegabytesPerSecond)):F1} MB/s, deployment {Median(results.Select(r => r.DeployMegabytesPerSecond)):F1} MB/s; ratio {ratio:F3} (median of {repeats}; target >= {RatioTarget:F2}: {(ratio >= RatioTarget ? "met" : "NOT met")}); with the host's one-time SHA-256 ({Median(results.Select(r => r.HostHash.TotalSeconds)):F3} s) counted: {Median(results.Select(r => r.RatioWithHostHash)):F3}"));
        }
        finally
        {
            sshd?.Dispose();
        }
        var serial = await SerialEfficiency.MeasureAsync().ConfigureAwait(false);
        Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serial efficiency at {serial.ChunkBytes}-byte chunks: {serial.Efficiency:F4} ({serial.PayloadBytes:N0} payload bytes / {serial.WireBytes:N0} wire bytes both ways, counted; target >= {EfficiencyTarget:F2}: {(serial.Efficiency >= EfficiencyTarget ? "met" : "NOT met")})"));
        return CommandRunner.Success;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A private temporary folder deleted on dispose (the throwaway keys and the board's files).</summary>
    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("qslm-bench-deploy-").FullName;

        public string Create(string name) => Directory.CreateDirectory(Path.Combine(_path, name)).FullName;

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
