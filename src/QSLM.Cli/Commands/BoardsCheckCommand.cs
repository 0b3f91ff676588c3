using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using QSLM.Boards.Checks;
using QSLM.Boards.Failures;
using QSLM.Boards.Health;
using QSLM.Boards.Sessions;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Harness;
using QSLM.Harness.Boards;
using QSLM.Protocol.Messages;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm boards check [FILE] [--board NAME]</c>: brings each board up to agent ready, reads its
/// sensors, pins the settings its profile names and shows them read back, prints one line per board; exits 1 when any board is not ready, 2 on a bad bench file or name.</summary>
internal static class BoardsCheckCommand
{
    public static Command Create()
    {
        var file = BoardsCommand.BenchArgument();
        var profiles = BoardsCommand.ProfilesOption();
        var board = new Option<string?>("--board") { Description = "Check only this board." };
        var dotnet = new Option<bool>("--board-has-dotnet") { Description = "SSH boards have the .NET 10 runtime: deploy the framework-dependent agent instead of the self-contained one." };
        var runs = new Option<string>("--runs") { Description = "Folder for the framework-dependent agent's copies and local boards' folders.", DefaultValueFactory = _ => RepositoryPaths.Runs }.WritableFolder();
        var command = new Command("check", "Bring each board of a bench file up to agent ready (connect, deploy and start the agent, hello), read its sensors, pin the settings its firmware profile names and read them back, and report state, agent version, runtime, sensors and settings; a setting read back other than asked for is an infrastructure failure; infrastructure and candidate failures are told apart.")
        {
            file, profiles, board, dotnet, runs,
        };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var bench = BoardsCommand.Load(parse.GetValue(file)!, parse.GetValue(profiles)!);
            var names = parse.GetValue(board) is { } one ? [BoardSessions.Find(bench, one).Name] : bench.Boards.Select(b => b.Name).ToList();
            // Every board's key is checked before the first publish or connection: a missing key is the bench file's mistake.
            foreach (var name in names) QSLM.Boards.Inventory.BenchFile.RequireKeyFile(bench, BoardSessions.Find(bench, name));
            var artifacts = new AgentArtifacts(parse.GetValue(runs)) { BoardsHaveDotnet = parse.GetValue(dotnet) };
            return Run(bench, names, artifacts, parse.GetValue(profiles)!, CheckResilience).GetAwaiter().GetResult();
        }, usesTorch: false));
        return command;
    }

    /// <summary>A person is waiting: one retry a second after a transient failure, connecting within 15 s
    /// (a refused host key is never retried).</summary>
    private static readonly QSLM.Boards.Resilience.BoardResilienceOptions CheckResilience = new()
    {
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    private static async Task<int> Run(QSLM.Boards.Inventory.Bench bench, IReadOnlyList<string> names, AgentArtifacts artifacts, string profiles, QSLM.Boards.Resilience.BoardResilienceOptions options)
    {
        Terminal.WriteLine($"bench {bench.Name} ({bench.Path}): checking {names.Count} boards");
        int ready = 0, infrastructure = 0, candidate = 0;
        foreach (var name in names)
        {
            BoardSession session;
            Terminal.Log.LogInformation("{Board}: preparing its agent, connecting, deploying and starting the agent", name);
            try
            {
                session = BoardSessions.Open(bench, name, artifacts, profiles, options);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // The agent this board needs is not beside qslm, or its files could not be copied or its folder
                // made: this board is not checked, the others still are.
                // The bench file was checked when loaded, so an ArgumentException here is a bug (exit 70), not a board's failure.
                Terminal.WriteLine($"{name}: not checked; infrastructure failure preparing its agent: {e.Message.Split('\n')[0]}");
                infrastructure++;
                continue;
            }
            await using (session)
            {
                var settings = BoardSessions.Profile(BoardSessions.Find(bench, name), profiles)?.Settings;
                var report = (await BoardCheck.RunAsync([session], settings is null ? null : new Dictionary<string, BoardSettings> { [name] = settings }).ConfigureAwait(false))[0];
                Terminal.WriteLine(Line(report));
                if (report.Failure is { Class: FailureClass.Candidate }) candidate++;
                else if (report.Failure is not null || report.State < BoardState.AgentReady) infrastructure++;
                else ready++;
            }
        }
        Terminal.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{names.Count} boards: {ready} ready, {infrastructure} infrastructure failures, {candidate} candidate failures"));
        return ready == names.Count ? CommandRunner.Success : CommandRunner.Failure;
    }

    /// <summary>The report's line, with the agent's runtime made explicit and readiness first.</summary>
    private static string Line(BoardReport report) =>
        (report.Failure is null && report.State >= BoardState.AgentReady ? "ready: " : "NOT READY: ") + report.Describe();
}
